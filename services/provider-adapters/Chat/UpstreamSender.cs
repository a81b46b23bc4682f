using System.Net;
using System.Text;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.ProviderAdapters.Adapters;
using Dapr.AiProvider.ProviderAdapters.Configuration;
using Dapr.AiProvider.ProviderAdapters.Errors;
using Dapr.AiProvider.ProviderAdapters.Health;
using Dapr.AiProvider.ProviderAdapters.Providers;
using Dapr.AiProvider.ProviderAdapters.Upstream;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderAdapters.Chat;

/// <summary>
/// Opens one provider call up to its response headers: finds the account and model, resolves the key,
/// sends (ResponseHeadersRead, attempt timeout), re-reads the key once after a 401, and classifies any
/// non-2xx answer or transport failure.
/// </summary>
internal sealed partial class UpstreamSender(
    ProviderRegistry registry, ProviderCredentials credentials, ChatFamilies families, UpstreamInvokers invokers,
    IOptions<ProvidersOptions> options, TimeProvider time, AdapterMetrics metrics, ProviderHealthMonitor health, ModelRetirements retirements,
    ILogger<UpstreamSender> logger)
{
    private const int MaxErrorBodyChars = 64 * 1024;

    public async Task<UpstreamOpen> OpenAsync(AdapterChatRequest request, bool stream, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        if (!registry.TryGet(request.Provider, request.Model, out var account, out var model))
        {
            return Fail(new Classification(ErrorClass.ModelNotFound,
                $"provider '{request.Provider}' has no model '{request.Model}' in this adapter's catalog", PerModel: true), request, 0, stream, started);
        }
        if (retirements.Find(model) is { } retired)
        {
            return Fail(new Classification(ErrorClass.ModelRetired,
                $"{model.Id} is retired ({retired.Reason}, since {retired.Since:yyyy-MM-dd}) and is no longer routed to", PerModel: true), request, 0, stream, started);
        }
        var family = families.For(account.Family);
        var credential = await credentials.GetAsync(account, refresh: false, cancellationToken);
        if (!credential.Available)
        {
            return Fail(new Classification(ErrorClass.KeyInvalid, $"no credentials configured for provider '{account.Id}'"), request, 0, stream, started);
        }
        var call = new UpstreamCall(account, model, request.RequestWithBody(), credential.Key, request.RequestId, time.GetUtcNow().ToUnixTimeSeconds());
        var http = invokers.For(account);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(options.Value.AttemptTimeout);
        if (LeaseDeadline.Ended(request.SendBy, time.GetUtcNow()) is { } ended)
        {
            return Fail(ended, request, 0, stream, started);
        }
        var sendBy = options.Value.SimulatorMode ? request.SendBy : null;
        try
        {
            var response = await SendAsync(http, family, call, stream, sendBy, attempt.Token);
            if (response.StatusCode == HttpStatusCode.Unauthorized && credential.FromSecretStore)
            {
                var refreshed = await credentials.GetAsync(account, refresh: true, cancellationToken);
                if (refreshed.Available && refreshed.Key != credential.Key)
                {
                    Log.KeyRefreshed(logger, account.Id);
                    response.Dispose();
                    call = call with { Key = refreshed.Key };
                    response = await SendAsync(http, family, call, stream, sendBy, attempt.Token);
                }
            }
            if (response.IsSuccessStatusCode)
            {
                return new UpstreamOpen(response, call, family, null, started);
            }
            using (response)
            {
                var failure = new ProviderFailure((int)response.StatusCode, response.Headers, await ReadBoundedAsync(response, attempt.Token));
                var classification = family.Classifier.Classify(failure, time.GetUtcNow());
                if (classification.Class == ErrorClass.ModelRetired)
                {
                    retirements.Retire(model, ModelRetirements.ProviderGone);
                }
                if (failure.Status == 429 && classification.LearnedLimits is null)
                {
                    classification = classification with { LearnedLimits = LimitHeaders.Limits(account.RateLimitHeaders, response.Headers) };
                }
                return Fail(classification, request, failure.Status, stream, started);
            }
        }
        catch (OperationCanceledException) when (attempt.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Fail(new Classification(ErrorClass.Timeout, $"provider did not answer within {options.Value.AttemptTimeout.TotalSeconds:0}s"), request, 0, stream, started);
        }
        catch (HttpRequestException ex) when (TransportRetryHandler.IsConnectFailure(ex))
        {
            Log.TransportFailed(logger, account.Id, ex.HttpRequestError.ToString());
            return Fail(new Classification(ErrorClass.UpstreamError, $"could not reach provider: {ex.HttpRequestError}"), request, 0, stream, started);
        }
        catch (HttpRequestException ex)
        {
            // The request went out and the connection dropped before a complete answer: an interrupted response.
            Log.TransportFailed(logger, account.Id, ex.HttpRequestError.ToString());
            return Fail(new Classification(ErrorClass.StreamInterrupted, "provider connection dropped before the response completed"), request, 0, stream, started);
        }
    }

    /// <summary>Records and shapes a failure as the wire error.</summary>
    public AdapterError Fail(Classification classification, AdapterChatRequest request, int status, bool stream) =>
        Fail(classification, request.Provider, request.Model, status, stream);

    /// <summary>Records and shapes a failure of any call to <paramref name="provider"/> (chat or embeddings).</summary>
    public AdapterError Fail(Classification classification, string provider, string model, int status, bool stream)
    {
        metrics.Failed(provider, stream, classification.Class);
        if (status != 0 || classification.Class is ErrorClass.Timeout or ErrorClass.UpstreamError or ErrorClass.StreamInterrupted)
        {
            health.Failed(provider, classification.Class);
        }
        Log.CallFailed(logger, provider, model, classification.Class.ToString(), status, classification.Message);
        return classification.ToError(provider, model, status);
    }

    private UpstreamOpen Fail(Classification classification, AdapterChatRequest request, int status, bool stream, long started) =>
        UpstreamOpen.Failed(Fail(classification, request, status, stream), started);

    /// <param name="simulatorSendBy">The lease deadline, told to the provider simulator (null for real providers).</param>
    private static async Task<HttpResponseMessage> SendAsync(
        HttpMessageInvoker http, IChatFamily family, UpstreamCall call, bool stream, DateTimeOffset? simulatorSendBy, CancellationToken cancellationToken)
    {
        using var message = family.CreateRequest(call, stream);
        LeaseDeadline.Tell(message, simulatorSendBy);
        return await http.SendAsync(message, cancellationToken);
    }

    private static async Task<string> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(body, Encoding.UTF8);
        var buffer = new char[MaxErrorBodyChars];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return new string(buffer, 0, read);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Provider {Provider} rejected its key; re-read it from the secret store and retried once")]
        public static partial void KeyRefreshed(ILogger logger, string provider);

        [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Provider {Provider} unreachable: {Error}")]
        public static partial void TransportFailed(ILogger logger, string provider, string error);

        [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Call to {Provider}/{Model} failed: {ErrorClass} (provider status {Status}): {Detail}")]
        public static partial void CallFailed(ILogger logger, string provider, string model, string errorClass, int status, string detail);
    }
}
