using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace Dapr.AiProvider.ServiceDefaults.Sidecar;

/// <summary>
/// The app's side of daprd's <c>--unix-domain-socket</c> (run file <c>unixDomainSocket</c>, Kubernetes annotation
/// <c>dapr.io/unix-domain-socket-path</c>): daprd then serves its HTTP and gRPC API only on
/// <c>{dir}/dapr-{appId}-http.socket</c> and <c>{dir}/dapr-{appId}-grpc.socket</c> (dapr/dapr pkg/api/http/server.go,
/// pkg/api/grpc/server.go). Dapr does not tell the app where they are (the CLI's RunConfig.UnixDomainSocket has no
/// env tag; the injector only mounts the directory into the app's containers), so the app is told by
/// <see cref="Variable"/>: that directory as the app sees it. Its own <c>APP_ID</c> names the files.
/// <para>
/// Every address the app computes for its sidecar stays what it is without sockets (127.0.0.1 and
/// <c>DAPR_HTTP_PORT</c> / <c>DAPR_GRPC_PORT</c>); only the connection changes: <see cref="ConnectAsync"/> opens the
/// HTTP socket for a connection to the HTTP API port on loopback, the gRPC socket for the gRPC port, and TCP for
/// anything else. So every HttpClient aimed at the sidecar goes over the socket without knowing it.
/// </para>
/// </summary>
public sealed class DaprSidecarSockets
{
    /// <summary>The directory holding the sidecar's sockets, as mounted in the app.</summary>
    public const string Variable = "DAPR_UNIX_DOMAIN_SOCKET";

    private readonly int _httpPort;
    private readonly int _grpcPort;

    private DaprSidecarSockets(string directory, string appId, int httpPort, int grpcPort)
    {
        HttpSocket = $"{directory.TrimEnd('/')}/dapr-{appId}-http.socket";
        GrpcSocket = $"{directory.TrimEnd('/')}/dapr-{appId}-grpc.socket";
        _httpPort = httpPort;
        _grpcPort = grpcPort;
    }

    public string HttpSocket { get; }
    public string GrpcSocket { get; }

    /// <summary>Null when <see cref="Variable"/> is not set: the sidecar is reached over TCP.</summary>
    /// <exception cref="InvalidOperationException">The directory is set but <c>APP_ID</c> is not.</exception>
    public static DaprSidecarSockets? FromConfiguration(IConfiguration configuration)
    {
        if (configuration[Variable] is not { Length: > 0 } directory)
        {
            return null;
        }
        var appId = configuration["APP_ID"] is { Length: > 0 } id
            ? id
            : throw new InvalidOperationException($"{Variable} is set but APP_ID is not: the sidecar's socket files are named after the app id");
        return new DaprSidecarSockets(directory, appId, Port(configuration, "DAPR_HTTP_PORT", 3500), Port(configuration, "DAPR_GRPC_PORT", 50001));
    }

    /// <summary>A handler for a client of the gRPC API alone (Dapr.Client's channel): every connection is the gRPC socket.</summary>
    public SocketsHttpHandler CreateGrpcHandler() => new()
    {
        ConnectCallback = (_, ct) => ConnectUnixAsync(GrpcSocket, ct),
        EnableMultipleHttp2Connections = true,
    };

    /// <summary><see cref="SocketsHttpHandler.ConnectCallback"/>: the sidecar's API ports on loopback through the sockets, the rest over TCP.</summary>
    public ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var target = context.DnsEndPoint;
        var socket = !IsLoopback(target.Host) ? null
            : target.Port == _httpPort ? HttpSocket
            : target.Port == _grpcPort ? GrpcSocket
            : null;
        return socket is null ? ConnectTcpAsync(target, ct) : ConnectUnixAsync(socket, ct);
    }

    private static async ValueTask<Stream> ConnectUnixAsync(string path, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>What SocketsHttpHandler does without a callback: a dual-mode TCP socket with Nagle off.</summary>
    private static async ValueTask<Stream> ConnectTcpAsync(DnsEndPoint target, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(target, ct).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool IsLoopback(string host) =>
        host is "127.0.0.1" or "localhost" or "::1" or "[::1]";

    private static int Port(IConfiguration configuration, string name, int fallback) =>
        int.TryParse(configuration[name], NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) ? port : fallback;
}
