using Dapr.AiProvider.Router.State;

namespace Dapr.AiProvider.Router.Caching;

/// <summary>
/// The purge generations as the request path reads them: an immutable snapshot read lock-free, refreshed from the
/// shared store every few seconds (so a purge reaches every replica within one refresh; at once on the replica that
/// took it), and bumped by the admin API with ETag-guarded writes.
/// </summary>
internal sealed partial class CacheGenerations(ICachePurgeStore store, ILogger<CacheGenerations> logger) : ISharedRecordMirror
{
    private readonly SharedRecord<CachePurgeState> _record = new(store, CachePurgeState.Empty);
    private CachePurgeState _state = CachePurgeState.Empty;

    public string Name => "cache purge generations";

    public string For(string keyId, string? model) => Volatile.Read(ref _state).GenerationFor(keyId, model);

    public async Task RefreshAsync(CancellationToken cancellationToken) => Volatile.Write(ref _state, await _record.ReadAsync(cancellationToken));

    /// <summary>Applies a purge for every replica; false when the store stayed contended.</summary>
    public async Task<bool> PurgeAsync(CachePurge purge, CancellationToken cancellationToken)
    {
        if (await _record.UpdateAsync(current => current.After(purge), cancellationToken) is not SharedRecordUpdate<CachePurgeState>.Saved saved)
        {
            return false;
        }
        Volatile.Write(ref _state, saved.Value);
        Log.Purged(logger, purge.ToString());
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(1603, LogLevel.Warning, "Response cache purged by an admin: {Purge}")]
        public static partial void Purged(ILogger logger, string purge);
    }
}
