using System.Net;
using System.Net.Sockets;

namespace Dapr.AiProvider.LocalDapr.Launcher.Running;

/// <summary>A free loopback port for a sidecar port the run file leaves unset (the CLI picks random ones too).</summary>
internal static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
