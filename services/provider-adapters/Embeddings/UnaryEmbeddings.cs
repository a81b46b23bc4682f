using System.Net;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Contracts.Embeddings;
using Dapr.AiProvider.ProviderAdapters.Adapters;
using Dapr.AiProvider.ProviderAdapters.Chat;
using Dapr.AiProvider.ProviderAdapters.Configuration;
using Dapr.AiProvider.ProviderAdapters.Errors;
using Dapr.AiProvider.ProviderAdapters.Health;
using Dapr.AiProvider.ProviderAdapters.Pricing;
using Dapr.AiProvider.ProviderAdapters.Providers;
using Dapr.AiProvider.ProviderAdapters.Upstream;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderAdapters.Embeddings;

/// <summary>
/// One embedding call: find the model, resolve the key, send within the attempt timeout (re-reading the key once
/// after a 401, as chat does), classify a failure with the family's classifier, price the tokens. Failures are
/// recorded through <see cref="UpstreamSender.Fail(Classification, string, string, int, bool)"/>, the same metrics
/// and provider health as chat.
/// </summary>
internal sealed class UnaryEmbeddings(
    ProviderRegistry registry, ProviderCredentials credentials, EmbeddingFamilies families, UpstreamSender sender,
    UpstreamInvokers invokers, ModelRetirements retirements, AdapterMetrics metrics, ProviderHealthMonitor health,
    IOptions<ProvidersOptions> options, TimeProvider time)
{
    private const int MaxErrorBodyChars = 64 * 1024;

    public async Task<(AdapterEmbeddingResult? Result, AdapterError? Error)> EmbedAsync(AdapterEmbeddingRequest request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        if (!registry.TryGet(request.Provider, request.Model, out var account, out var model)
            || !model.Capabilities.Contains(EmbeddingCapability, StringComparer.Ordinal)
            || families.For(account.Family) is not { } family)
        {
            return Failed(new Classification(ErrorClass.ModelNotFound,
                $"provider '{request.Provider}' has no embedding model '{request.Model}' in this adapter's catalog", PerModel: true), request, 0);
        }
        if (retirements.Find(model) is { } retired)
        {
            return Failed(new Classification(ErrorClass.ModelRetired,
                $"{model.Id} is retired ({retired.Reason}, since {retired.Since:yyyy-MM-dd}) and is no longer routed to", PerModel: true), request, 0);
        }
        var credential = await credentials.GetAsync(account, refresh: false, cancellationToken);
        if (!credential.Available)
        {
            return Failed(new Classification(ErrorClass.KeyInvalid, $"no credentials configured for provider '{account.Id}'"), request, 0);
        }
        var call = new EmbeddingCall(account, model, request, credential.Key);
        var http = invokers.For(account);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(options.Value.AttemptTimeout);
        if (LeaseDeadline.Ended(request.SendBy, time.GetUtcNow()) is { } ended)
        {
            return Failed(ended, request, 0);
        }
        var sendBy = options.Value.SimulatorMode ? request.SendBy : null;
        try
        {
            var response = await SendAsync(http, family, call, sendBy, attempt.Token);
            if (response.StatusCode == HttpStatusCode.Unauthorized && credential.FromSecretStore)
            {
                var refreshed = await credentials.GetAsync(account, refresh: true, cancellationToken);
                if (refreshed.Available && refreshed.Key != credential.Key)
                {
                    response.Dispose();
                    call = call with { Key = refreshed.Key };
                    response = await SendAsync(http, family, call, sendBy, attempt.Token);
                }
            }
            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    var failure = new ProviderFailure((int)response.StatusCode, response.Headers, await ReadBoundedAsync(response, attempt.Token));
                    return Failed(family.Classifier.Classify(failure, time.GetUtcNow()), request, failure.Status);
                }
                await using var body = await response.Content.ReadAsStreamAsync(attempt.Token);
                var wire = await family.ReadAsync(body, call, attempt.Token);
                if (wire.Vectors.Count != request.Inputs.Count || wire.Vectors.Any(v => v is null || v.Length == 0))
                {
                    return Failed(new Classification(ErrorClass.UpstreamError,
                        $"provider answered {wire.Vectors.Count} vectors for {request.Inputs.Count} inputs"), request, 200);
                }
                var tokens = new TokenUsage { InputTokens = wire.PromptTokens ?? request.CountedTokens };
                var report = new AdapterUsageReport
                {
                    Provider = account.Id,
                    Model = model.Model,
                    Tokens = tokens,
                    CostMicros = CostCalculator.CostMicros(tokens, registry.Prices.Find(account.Id, model.Model)),
                    PriceTableVersion = registry.Prices.Version,
                    ProviderLatencyMs = time.GetElapsedTime(started).TotalMilliseconds,
                    Headroom = LimitHeaders.WithLimits(HeadroomReader.OpenAi(response.Headers, time.GetUtcNow()),
                        account.RateLimitHeaders, response.Headers, time.GetUtcNow()),
                };
                metrics.Succeeded(account.Id, false, report.ProviderLatencyMs, report.CostMicros);
                health.Succeeded(account.Id);
                return (new AdapterEmbeddingResult { Vectors = wire.Vectors, Usage = report }, null);
            }
        }
        catch (OperationCanceledException) when (attempt.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Failed(new Classification(ErrorClass.Timeout, $"provider did not answer within {options.Value.AttemptTimeout.TotalSeconds:0}s"), request, 0);
        }
        catch (JsonException)
        {
            return Failed(new Classification(ErrorClass.UpstreamError, "provider answered 200 with an unreadable embedding body"), request, 200);
        }
        catch (HttpRequestException ex) when (TransportRetryHandler.IsConnectFailure(ex))
        {
            return Failed(new Classification(ErrorClass.UpstreamError, $"could not reach provider: {ex.HttpRequestError}"), request, 0);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return Failed(new Classification(ErrorClass.StreamInterrupted, "provider connection dropped before the response completed"), request, 0);
        }
    }

    /// <summary>The capability a catalog model lists when it serves <c>/v1/embeddings</c>.</summary>
    public const string EmbeddingCapability = "embeddings";

    private (AdapterEmbeddingResult?, AdapterError?) Failed(Classification classification, AdapterEmbeddingRequest request, int status) =>
        (null, sender.Fail(classification, request.Provider, request.Model, status, stream: false));

    private static async Task<HttpResponseMessage> SendAsync(
        HttpMessageInvoker http, IEmbeddingFamily family, EmbeddingCall call, DateTimeOffset? simulatorSendBy, CancellationToken cancellationToken)
    {
        using var message = family.CreateRequest(call);
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
}
