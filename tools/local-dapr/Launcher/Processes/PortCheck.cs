using System.Net;
using System.Net.Sockets;

namespace Dapr.AiProvider.LocalDapr.Launcher.Processes;

/// <summary>Whether a TCP port can be listened on (checked before anything is started).</summary>
internal static class PortCheck
{
    public static bool IsFree(int port)
    {
        foreach (var address in new[] { IPAddress.Loopback, IPAddress.Any })
        {
            try
            {
                using var listener = new TcpListener(address, port);
                listener.Start();
                listener.Stop();
            }
            catch (SocketException)
            {
                return false;
            }
        }

        return true;
    }
}
