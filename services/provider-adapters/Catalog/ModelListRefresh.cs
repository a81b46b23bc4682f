using Dapr.AiProvider.ProviderAdapters.Configuration;
using Dapr.AiProvider.ProviderAdapters.Health;
using Dapr.AiProvider.ProviderAdapters.Providers;
using Dapr.AiProvider.ProviderAdapters.Upstream;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderAdapters.Catalog;

/// <summary>
/// The periodic catalog refresh: every <c>ModelListRefreshInterval</c> (first after one interval) reads each provider's
/// own model list and retires the catalog models it no longer has (reason <c>not_listed</c>). A list that cannot be
/// read, or is one page of several, changes nothing.
/// </summary>
internal sealed partial class ModelListRefresh(
    ProviderRegistry registry, ProviderCredentials credentials, ModelRetirements retirements, IHttpClientFactory httpFactory,
    IOptions<ProvidersOptions> options, TimeProvider time, ILogger<ModelListRefresh> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.ModelListRefreshInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RefreshAsync(stoppingToken);
        }
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        foreach (var account in registry.Accounts)
        {
            if (account.Family == ProviderFamilies.Tgi || await ListAsync(account, cancellationToken) is not { } listed)
            {
                continue;
            }
            foreach (var model in account.Models.Values)
            {
                if (!listed.Contains(model.Model) && !OutsideTheList(account, model) && retirements.Find(model) is null)
                {
                    retirements.Retire(model, ModelRetirements.NotListed);
                }
            }
        }
    }

    /// <summary>
    /// The Hugging Face router's <c>/v1/models</c> lists chat models only; its embedding models are served by
    /// <c>hf-inference</c> feature extraction and never appear there.
    /// </summary>
    private static bool OutsideTheList(ProviderAccount account, Contracts.Adapters.CatalogModel model) =>
        account.Family == ProviderFamilies.HuggingFace && model.Capabilities.Contains(Embeddings.UnaryEmbeddings.EmbeddingCapability, StringComparer.Ordinal);

    private async Task<IReadOnlySet<string>?> ListAsync(ProviderAccount account, CancellationToken cancellationToken)
    {
        var credential = await credentials.GetAsync(account, refresh: false, cancellationToken);
        if (!credential.Available)
        {
            return null;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ConnectTimeout * 3);
        try
        {
            using var request = HealthProbeRequests.Create(account, credential.Key);
            using var response = await httpFactory.CreateClient(account.HttpClientName).SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode
                ? ModelListReader.Ids(account.Family, await response.Content.ReadAsStringAsync(timeout.Token))
                : null;
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.ListFailed(logger, account.Id, ex.GetType().Name);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "Model list of provider {Provider} could not be read: {Error}")]
        public static partial void ListFailed(ILogger logger, string provider, string error);
    }
}
