using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Failover;

namespace Dapr.AiProvider.Router.Backend;

/// <summary>
/// Calls provider-adapters through the local sidecar (<c>/v1.0/invoke/provider-adapters/method/…</c>)
/// with one long-lived handler. Classified failures arrive as 424 + <see cref="AdapterError"/>;
/// transport failures are classified here.
/// </summary>
internal sealed partial class DaprCompletionBackend(HttpClient http, ILogger<DaprCompletionBackend> logger) : ICompletionBackend
{
    public const string HttpClientName = "provider-adapters";

    // Absolute once: with a relative path HttpClient combines it with its base address (a string and a Uri) on every call.
    private readonly Uri _chat = new(http.BaseAddress!, AdapterRoutes.Chat);
    private readonly Uri _chatStream = new(http.BaseAddress!, AdapterRoutes.ChatStream);

    public async Task<ModelCatalog> GetCatalogAsync(CancellationToken cancellationToken)
    {
        var catalog = await http.GetFromJsonAsync(AdapterRoutes.Catalog, ContractsJsonContext.Default.ModelCatalog, cancellationToken);
        return catalog ?? throw new InvalidOperationException("provider-adapters returned an empty catalog document.");
    }

    public async Task<AttemptOutcome<AdapterChatResult>> CompleteAsync(AdapterChatRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var content = SidecarJson.Content(request, ContractsJsonContext.Default.AdapterChatRequest);
            using var response = await http.PostAsync(_chat, content, cancellationToken);
            if (Answered(response))
            {
                // PostAsync has read the whole answer (HttpCompletionOption.ResponseContentRead), so it is parsed in one
                // pass from its bytes: ReadFromJsonAsync would run the resumable reader over a stream of that buffer.
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                var result = JsonSerializer.Deserialize(body, ContractsJsonContext.Default.AdapterChatResult);
                return result is null
                    ? AttemptOutcome<AdapterChatResult>.Failure(Transport(request, ErrorClass.UpstreamError, "provider-adapters returned an empty body."))
                    : AttemptOutcome<AdapterChatResult>.Success(result);
            }
            return await ReadFailureAsync<AdapterChatResult>(request, response, cancellationToken);
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            Log.TransportFailure(logger, request.Provider, request.Model, ex.GetType().Name);
            return Classify<AdapterChatResult>(request, ex);
        }
    }

    public async Task<AttemptOutcome<IBackendStream>> OpenStreamAsync(AdapterChatRequest request, CancellationToken cancellationToken)
    {
        HttpResponseMessage? response = null;
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, _chatStream)
            {
                Content = SidecarJson.Content(request, ContractsJsonContext.Default.AdapterChatRequest),
            };
            message.Headers.Accept.ParseAdd("text/event-stream");
            response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!Answered(response))
            {
                var failure = await ReadFailureAsync<IBackendStream>(request, response, cancellationToken);
                response.Dispose();
                return failure;
            }
            var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return AttemptOutcome<IBackendStream>.Success(new SseBackendStream(response, body, request));
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            response?.Dispose();
            Log.TransportFailure(logger, request.Provider, request.Model, ex.GetType().Name);
            return Classify<IBackendStream>(request, ex);
        }
    }

    /// <summary>A non-2xx answer from the sidecar: daprd's own hop failure, or provider-adapters' classified 424 (also used by <see cref="DaprEmbeddingBackend"/>).</summary>
    internal static async Task<AttemptOutcome<T>> ReadFailureAsync<T>(
        AdapterChatRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.InternalServerError
            && await SidecarInvokeError.ReadAsync(response, cancellationToken) is { } sidecarError)
        {
            // daprd's own error (dapr pkg/messages/predefined.go ERR_DIRECT_INVOKE): the hop failed, not the provider,
            // unless it is the per-attempt timeout of the resiliency policy, which a slow provider causes. An open breaker
            // on the hop is not worth retrying: the sidecar refuses every call until it half-opens.
            if (sidecarError.IsTimeout)
            {
                return AttemptOutcome<T>.Failure(Transport(request, ErrorClass.Timeout, "provider-adapters did not answer in time."));
            }
            return sidecarError.IsBreakerOpen ? AttemptOutcome<T>.HopRefused(sidecarError.Message) : AttemptOutcome<T>.HopFailed(sidecarError.Message);
        }
        return AttemptOutcome<T>.Failure(await ReadErrorAsync(request, response, cancellationToken));
    }

    /// <summary>A 2xx that carries the answer: not provider-adapters' <see cref="AdapterRoutes.NotSentStatus"/> (a request it did not send).</summary>
    internal static bool Answered(HttpResponseMessage response) =>
        response.IsSuccessStatusCode && (int)response.StatusCode != AdapterRoutes.NotSentStatus;

    private static async Task<AdapterError> ReadErrorAsync(AdapterChatRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if ((int)response.StatusCode is AdapterRoutes.AdapterErrorStatus or AdapterRoutes.NotSentStatus)
        {
            try
            {
                var error = await response.Content.ReadFromJsonAsync(ContractsJsonContext.Default.AdapterError, cancellationToken);
                if (error is not null)
                {
                    return error with
                    {
                        Provider = string.IsNullOrEmpty(error.Provider) ? request.Provider : error.Provider,
                        Model = string.IsNullOrEmpty(error.Model) ? request.Model : error.Model,
                    };
                }
            }
            catch (JsonException)
            {
                // fall through: an unreadable 424 is an upstream error
            }
        }
        var errorClass = response.StatusCode switch
        {
            HttpStatusCode.RequestTimeout or HttpStatusCode.GatewayTimeout => ErrorClass.Timeout,
            HttpStatusCode.TooManyRequests => ErrorClass.Overloaded,
            _ => ErrorClass.UpstreamError,
        };
        return Transport(request, errorClass, $"provider-adapters answered HTTP {(int)response.StatusCode}.");
    }

    internal static AdapterError Transport(AdapterChatRequest request, ErrorClass errorClass, string message) => new()
    {
        Class = errorClass,
        Message = message,
        Provider = request.Provider,
        Model = request.Model,
        ProviderStatus = 0,
    };

    /// <summary>
    /// A timeout may be the provider's slowness; a refused or broken connection is the router's own sidecar (or the
    /// hop behind it) failing, which says nothing about the provider.
    /// </summary>
    internal static AttemptOutcome<T> Classify<T>(AdapterChatRequest request, Exception ex) => ex switch
    {
        TaskCanceledException or TimeoutException =>
            AttemptOutcome<T>.Failure(Transport(request, ErrorClass.Timeout, "provider-adapters did not answer in time.")),
        HttpRequestException or IOException => AttemptOutcome<T>.HopFailed("the router's Dapr sidecar could not be reached"),
        _ => AttemptOutcome<T>.Failure(Transport(request, ErrorClass.UpstreamError, "provider-adapters answered an unreadable body.")),
    };

    internal static bool IsTransportFailure(Exception ex, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && ex is HttpRequestException or TaskCanceledException or TimeoutException or IOException or JsonException;

    private static partial class Log
    {
        [LoggerMessage(1001, LogLevel.Warning, "Call to provider-adapters for {Provider}/{Model} failed in transport: {Failure}")]
        public static partial void TransportFailure(ILogger logger, string provider, string model, string failure);
    }
}
