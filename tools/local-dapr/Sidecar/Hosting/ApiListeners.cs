using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary>
/// Where the sidecar listens. Without <c>--unix-domain-socket</c>: the HTTP API (which also takes other sidecars'
/// calls) and the gRPC API on their loopback ports. With it, as daprd does: both APIs only on
/// <c>{dir}/dapr-{appId}-http.socket</c> and <c>{dir}/dapr-{appId}-grpc.socket</c> (no TCP API port; daprd
/// pkg/api/http/server.go and pkg/api/grpc/server.go, StartNonBlocking), a socket file that already exists fails
/// the start (Go's <c>net.Listen("unix", …)</c> does not replace it), and both files are removed at shutdown
/// (pkg/runtime/runtime.go, cleanSockets). Other sidecars then reach this one on <see cref="SidecarOptions.PeerPort"/>,
/// the stand-in for daprd's internal gRPC server, which stays on TCP.
/// </summary>
internal static class ApiListeners
{
    public static readonly string[] Apis = ["http", "grpc"];

    /// <exception cref="SidecarStartupException">A socket cannot be created: no such directory, or the file exists.</exception>
    public static void CheckSockets(SidecarOptions options)
    {
        if (options.UnixDomainSocket is not { } dir)
        {
            return;
        }
        foreach (var api in Apis)
        {
            var path = options.SocketPath(api);
            if (!Directory.Exists(dir))
            {
                throw new SidecarStartupException($"listen unix {path}: bind: no such file or directory");
            }
            if (File.Exists(path))
            {
                throw new SidecarStartupException($"listen unix {path}: bind: address already in use");
            }
        }
    }

    public static void Listen(KestrelServerOptions kestrel, SidecarOptions options)
    {
        if (options.UnixDomainSocket is null)
        {
            kestrel.ListenLocalhost(options.HttpPort, l => l.Protocols = HttpProtocols.Http1);
            kestrel.ListenLocalhost(options.GrpcPort, l => l.Protocols = HttpProtocols.Http2);
            return;
        }
        kestrel.ListenUnixSocket(options.SocketPath("http"), l => l.Protocols = HttpProtocols.Http1);
        kestrel.ListenUnixSocket(options.SocketPath("grpc"), l => l.Protocols = HttpProtocols.Http2);
        kestrel.ListenLocalhost(options.PeerPort, l => l.Protocols = HttpProtocols.Http1);
    }

    /// <summary>True when a request for the API arrived on the peer port of a sidecar whose API is on sockets.</summary>
    public static bool IsApiOnPeerPort(SidecarOptions options, HttpContext context, bool isInternal) =>
        options.UnixDomainSocket is not null && !isInternal && context.Connection.LocalPort != 0;

    /// <summary>daprd's cleanSockets: both socket files go once the sidecar has stopped (a missing one is fine).</summary>
    public static void RemoveSockets(SidecarOptions options)
    {
        if (options.UnixDomainSocket is null)
        {
            return;
        }
        foreach (var api in Apis)
        {
            File.Delete(options.SocketPath(api));
        }
    }
}
