using System.Net.Sockets;
using Dapr.AiProvider.LocalDapr.Launcher.RunFile;

namespace Dapr.AiProvider.LocalDapr.Launcher.Running;

/// <summary>
/// The CLI removes an app's two socket files once its sidecar has exited (dapr/cli cmd/run.go, after
/// <c>gracefullyShutdownAppsAndCloseResources</c>): a sidecar that was killed leaves them behind, and a socket file
/// that exists makes the next sidecar's listen fail. The launcher removes them after the run and before each
/// (re)start of a sidecar, which it restarts where the CLI does not — but only a file nothing listens on: a live
/// socket belongs to a sidecar of another run, whose start then fails here with "address already in use".
/// </summary>
internal static class SidecarSockets
{
    public static void RemoveStale(AppPlan plan)
    {
        foreach (var api in (string[])["http", "grpc"])
        {
            if (plan.SocketPath(api) is { } path && File.Exists(path) && !Listening(path))
            {
                File.Delete(path);
            }
        }
    }

    private static bool Listening(string path)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
