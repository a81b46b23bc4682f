using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Invocation;

/// <summary>
/// The one long-lived connection pool for sidecar-to-sidecar calls: an <see cref="HttpMessageInvoker"/>, not an
/// HttpClient, as every call carries an absolute URI and its own cancellation (no linked token source per call).
/// </summary>
internal sealed class PeerClient : IDisposable
{
    public HttpMessageInvoker Invoker { get; } = new(AppChannelFactory.CreateRelayHandler(), disposeHandler: true);

    public void Dispose() => Invoker.Dispose();
}
