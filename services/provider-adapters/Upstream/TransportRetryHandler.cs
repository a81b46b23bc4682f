using System.Net.Sockets;

namespace Dapr.AiProvider.ProviderAdapters.Upstream;

/// <summary>
/// The adapters' only retry: a connect-level failure (name resolution, refused/unreachable, TLS handshake),
/// where no request byte reached the provider, retried up to <c>TransportRetries</c> times with a short
/// exponential backoff (100 ms, 200 ms, … each ×0.5–1.5 jitter). Anything after the request was sent — statuses,
/// resets, stream errors — is classified and left to the router's failover (one retry owner per failure class).
/// </summary>
/// <remarks>
/// A plain loop rather than a Polly pipeline: this handler wraps every provider call, and the pipeline cost about
/// 0.6 KB of state machines and 2.5 % of the service's CPU per call for a retry that almost never happens
/// (docs/benchmarks-peer.md, "provider-adapters: allocation per request").
/// </remarks>
internal sealed class TransportRetryHandler(int retries, TimeProvider time) : DelegatingHandler
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);

    public static bool IsConnectFailure(Exception exception) => exception switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
            or HttpRequestError.SecureConnectionError } => true,
        HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused
            or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostNotFound } } => true,
        _ => false,
    };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        retries > 0 ? SendWithRetriesAsync(request, cancellationToken) : base.SendAsync(request, cancellationToken);

    private async Task<HttpResponseMessage> SendWithRetriesAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var retry = 0; ; retry++)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException ex) when (retry < retries && IsConnectFailure(ex))
            {
                await Task.Delay(Backoff(retry), time, cancellationToken);
            }
        }
    }

    private static TimeSpan Backoff(int retry) => FirstDelay * (Math.Pow(2, retry) * (0.5 + Random.Shared.NextDouble()));
}
