namespace Dapr.AiProvider.Router.Auth;

/// <summary>The mesh apps allowed in by their Dapr identity, shared by every replica (the state store in production).</summary>
public interface IMeshAppStore
{
    Task<(IReadOnlyList<MeshApp> Apps, string? ETag)> GetAsync(CancellationToken cancellationToken);

    Task<bool> TrySaveAsync(IReadOnlyList<MeshApp> apps, string? etag, CancellationToken cancellationToken);
}
