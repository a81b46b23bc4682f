namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary>The daprd command-line flags this sidecar honours (parsed once at start).</summary>
public sealed record SidecarOptions
{
    public required string AppId { get; init; }
    /// <summary>0 when the app has no port (no invocation, subscriptions or actors delivered).</summary>
    public int AppPort { get; init; }
    public string AppProtocol { get; init; } = "http";
    public string AppChannelAddress { get; init; } = "127.0.0.1";
    public int HttpPort { get; init; } = 3500;
    public int GrpcPort { get; init; } = 50001;
    /// <summary>
    /// <c>--unix-domain-socket</c>: the directory where the HTTP and gRPC API listen instead of their TCP ports, as
    /// <c>dapr-{appId}-http.socket</c> and <c>dapr-{appId}-grpc.socket</c> (daprd pkg/api/http/server.go and
    /// pkg/api/grpc/server.go, StartNonBlocking). Null: the API listens on TCP.
    /// </summary>
    public string? UnixDomainSocket { get; init; }
    /// <summary>
    /// Where other sidecars reach this one (invocation, actor calls): the HTTP port, or with
    /// <see cref="UnixDomainSocket"/> a TCP port of its own, as daprd keeps its internal gRPC server on TCP
    /// (<c>--dapr-internal-grpc-port</c>) while its API moves to the sockets.
    /// </summary>
    public int PeerPort => UnixDomainSocket is null ? HttpPort : InternalPort;
    /// <summary><c>--dapr-internal-grpc-port</c>, else a free port picked at start: used only with <see cref="UnixDomainSocket"/>.</summary>
    public int InternalPort { get; init; }
    public IReadOnlyList<string> ResourcesPaths { get; init; } = [];
    public string? ConfigPath { get; init; }
    public bool EnableAppHealthCheck { get; init; }
    public string AppHealthCheckPath { get; init; } = "/healthz";
    public TimeSpan AppHealthProbeInterval { get; init; } = TimeSpan.FromSeconds(5);
    public long MaxBodySizeBytes { get; init; } = 4 * 1024 * 1024;
    public string LogLevel { get; init; } = "info";
    /// <summary>DAPR_API_TOKEN: required from callers of the API ports when set.</summary>
    public string? ApiToken { get; init; }
    /// <summary>APP_API_TOKEN: sent to the app as <c>dapr-api-token</c> when set.</summary>
    public string? AppApiToken { get; init; }
    /// <summary>NAMESPACE, else <c>default</c> (daprd's CurrentNamespace): part of this app's SPIFFE id.</summary>
    public string Namespace { get; init; } = "default";
    /// <summary>The socket file of the <paramref name="api"/> (<c>http</c> or <c>grpc</c>) in <see cref="UnixDomainSocket"/>.</summary>
    public string SocketPath(string api) => $"{UnixDomainSocket}/dapr-{AppId}-{api}.socket";

    /// <summary>Unique per sidecar process (registry entries, consumer names, actor placement).</summary>
    public string InstanceId { get; init; } = Guid.NewGuid().ToString("N")[..12];
}
