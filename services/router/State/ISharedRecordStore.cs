namespace Dapr.AiProvider.Router.State;

/// <summary>
/// One record every replica shares (admin settings: disabled providers, mesh apps, cache purges), written only when
/// nobody wrote it since it was read (the Dapr state store with ETags in production). <see cref="SharedRecord{T}"/>
/// does the read-modify-write.
/// </summary>
internal interface ISharedRecordStore<T>
    where T : class
{
    /// <returns>The record (null when it was never written) and its ETag (null when absent).</returns>
    Task<(T? Value, string? ETag)> GetAsync(CancellationToken cancellationToken);

    /// <summary>Writes only when the stored ETag still equals <paramref name="etag"/> (null = must not exist).</summary>
    Task<bool> TrySaveAsync(T value, string? etag, CancellationToken cancellationToken);
}
