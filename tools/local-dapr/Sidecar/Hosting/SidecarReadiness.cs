namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary>
/// daprd's two health stages: outbound (components initialised: the app may call the sidecar) and
/// full (outbound plus the app port answering).
/// </summary>
internal sealed class SidecarReadiness
{
    private volatile bool _outbound;
    private volatile bool _app;

    public bool OutboundReady => _outbound;
    public bool Ready => _outbound && _app;

    public void MarkOutboundReady() => _outbound = true;
    public void MarkAppReady() => _app = true;
}
