using System.Net.Sockets;
using Polly;
using Polly.Retry;

namespace Dapr.AiProvider.ProviderAdapters.Upstream;

/// <summary>
/// The adapters' only retry: a connect-level failure (name resolution, refused/unreachable, TLS handshake),
/// where no request byte reached the provider, retried up to <c>TransportRetries</c> times with a short
/// backoff. Anything after the request was sent — statuses, resets, stream errors — is classified and
/// left to the router's failover (one retry owner per failure class).
/// </summary>
internal sealed class TransportRetryHandler : DelegatingHandler
{
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public TransportRetryHandler(int retries, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = retries,
                Delay = TimeSpan.FromMilliseconds(100),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && IsConnectFailure(ex)),
            });
        }
        _pipeline = builder.Build();
    }

    public static bool IsConnectFailure(Exception exception) => exception switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
            or HttpRequestError.SecureConnectionError } => true,
        HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused
            or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostNotFound } } => true,
        _ => false,
    };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(
            static (state, ct) => new ValueTask<HttpResponseMessage>(state.Handler.BaseSend(state.Request, ct)),
            (Handler: this, Request: request), cancellationToken).AsTask();

    private Task<HttpResponseMessage> BaseSend(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
