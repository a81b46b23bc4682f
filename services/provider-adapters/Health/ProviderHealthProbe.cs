using System.Globalization;
using Dapr.AiProvider.Contracts.ProviderAdapters;
using Dapr.AiProvider.ProviderAdapters.Chat;
using Dapr.AiProvider.ProviderAdapters.Configuration;
using Dapr.AiProvider.ProviderAdapters.Errors;
using Dapr.AiProvider.ProviderAdapters.Providers;
using Dapr.AiProvider.ProviderAdapters.Upstream;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderAdapters.Health;

/// <summary>
/// Probes each provider at most once per <c>HealthProbeInterval</c>, and only when no real call succeeded
/// within that interval (traffic is the better probe). Zero disables probing.
/// </summary>
internal sealed partial class ProviderHealthProbe(
    ProviderRegistry registry, ProviderCredentials credentials, ProviderHealthMonitor monitor, ChatFamilies families, IHttpClientFactory httpFactory,
    IOptions<ProvidersOptions> options, TimeProvider time, ILogger<ProviderHealthProbe> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.HealthProbeInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }
        // The first round waits one interval: at start the sidecar (secret store) may not be up yet.
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var account in registry.Accounts)
            {
                if (!monitor.SucceededWithin(account.Id, interval))
                {
                    await ProbeAsync(account, stoppingToken);
                }
            }
        }
    }

    public async Task ProbeAsync(ProviderAccount account, CancellationToken cancellationToken)
    {
        var credential = await credentials.GetAsync(account, refresh: false, cancellationToken);
        if (!credential.Available)
        {
            monitor.Observe(account.Id, ProviderHealthState.NoCredentials, null);
            return;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ConnectTimeout * 2);
        try
        {
            using var request = HealthProbeRequests.Create(account, credential.Key);
            using var response = await httpFactory.CreateClient(account.HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode || status is 404 or 405)
            {
                monitor.Observe(account.Id, ProviderHealthState.Healthy, status.ToString(CultureInfo.InvariantCulture));
                return;
            }
            // The family's own classifier reads the refusal (Gemini answers a bad key with 400 API_KEY_INVALID).
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            var failure = new ProviderFailure(status, response.Headers, body.Length > 16_384 ? body[..16_384] : body);
            monitor.Failed(account.Id, families.For(account.Family).Classifier.Classify(failure, time.GetUtcNow()).Class);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.ProbeFailed(logger, account.Id, ex.GetType().Name);
            monitor.Observe(account.Id, ProviderHealthState.Unreachable, ex is HttpRequestException http ? http.HttpRequestError.ToString() : "timeout");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Health probe of provider {Provider} failed: {Error}")]
        public static partial void ProbeFailed(ILogger logger, string provider, string error);
    }
}
