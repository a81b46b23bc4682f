using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Dapr.AiProvider.TestInfrastructure;

public static class FreePort
{
    // The OS may hand the same ephemeral port out again as soon as it is released; a port given to
    // one caller of this process is never given to another (two of a sidecar's ports once collided).
    private static readonly ConcurrentDictionary<int, bool> Handed = new();

    /// <summary>A loopback TCP port that was free a moment ago and that this process has not handed out before.</summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (Handed.TryAdd(port, true))
            {
                return port;
            }
        }
    }
}
