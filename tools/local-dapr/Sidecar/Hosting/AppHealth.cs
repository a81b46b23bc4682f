namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary>The app's health as seen by the probe (always healthy when app health checks are off).</summary>
internal sealed class AppHealth
{
    private volatile bool _healthy = true;

    public bool IsHealthy => _healthy;

    public void Set(bool healthy) => _healthy = healthy;
}
