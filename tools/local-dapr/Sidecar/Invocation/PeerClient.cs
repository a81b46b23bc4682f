using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Invocation;

/// <summary>The one long-lived HTTP client for sidecar-to-sidecar calls.</summary>
internal sealed class PeerClient : IDisposable
{
    public HttpClient Client { get; } = new(AppChannelFactory.CreateHandler(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

    public void Dispose() => Client.Dispose();
}
