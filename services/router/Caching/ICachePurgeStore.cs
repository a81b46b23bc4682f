namespace Dapr.AiProvider.Router.Caching;

/// <summary>The shared purge generations (the Dapr state store in production).</summary>
public interface ICachePurgeStore
{
    Task<(CachePurgeState State, string? ETag)> GetAsync(CancellationToken cancellationToken);

    /// <summary>Writes only when the stored ETag still equals <paramref name="etag"/> (null = must not exist).</summary>
    Task<bool> TrySaveAsync(CachePurgeState state, string? etag, CancellationToken cancellationToken);
}
