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
public sealed record SidecarEndpoint(string AppId, string InstanceId, string HttpAddress);
