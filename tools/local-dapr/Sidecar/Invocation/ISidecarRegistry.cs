namespace Dapr.AiProvider.LocalDapr.Sidecar.Invocation;

/// <summary>
/// Name resolution between local sidecars (replaces daprd's mDNS): each sidecar registers
/// app-id → its own HTTP address with a heartbeat; callers resolve an app-id to live instances.
/// </summary>
public interface ISidecarRegistry
{
    /// <summary>Live instances of <paramref name="appId"/>; completes synchronously while a cached lookup is fresh (every call on the invocation path).</summary>
    ValueTask<IReadOnlyList<SidecarEndpoint>> ResolveAsync(string appId, CancellationToken ct);
    SidecarEndpoint Self { get; }
}

/// <param name="HttpAddress">Base URL of that sidecar's HTTP port, e.g. <c>http://127.0.0.1:3501</c>.</param>
/// <param name="PeerAddress">
/// Base URL of its HTTP/2 cleartext (h2c) port for sidecar-to-sidecar invocation (the gRPC port, which serves every
/// route), or null when it registered none (then <see cref="HttpAddress"/> over HTTP/1.1).
/// </param>
public sealed record SidecarEndpoint(string AppId, string InstanceId, string HttpAddress, string? PeerAddress = null);
