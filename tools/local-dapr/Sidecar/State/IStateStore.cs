namespace Dapr.AiProvider.LocalDapr.Sidecar.State;

/// <summary>
/// A state store component, operating on raw keys (the API layer applies daprd's key prefix;
/// actors use <c>appId||type||id||key</c>). ETags are daprd's: a numeric version as a string.
/// Failures are <see cref="StateStoreException"/> with a <see cref="StateErrorKind"/>.
/// </summary>
public interface IStateStore
{
    string Name { get; }
    bool IsActorStateStore { get; }

    Task<StateEntry?> GetAsync(string key, CancellationToken ct);
    Task SetAsync(StateWrite write, CancellationToken ct);
    Task DeleteAsync(string key, string? etag, CancellationToken ct);
    /// <summary>All operations atomically (daprd: MULTI/EXEC).</summary>
    Task TransactAsync(IReadOnlyList<StateOperation> operations, CancellationToken ct);
}

public sealed record StateEntry(byte[] Value, string ETag, DateTimeOffset? ExpiresAt);

/// <summary>One upsert. <paramref name="FirstWrite"/>: concurrency <c>first-write</c> (etag required to exist).</summary>
public sealed record StateWrite(string Key, byte[] Value, string? ETag = null, int? TtlSeconds = null, bool FirstWrite = false);

/// <summary>An upsert (<see cref="Write"/> set) or a delete (<see cref="DeleteKey"/> set, optional <see cref="DeleteETag"/>).</summary>
public sealed record StateOperation(StateWrite? Write, string? DeleteKey = null, string? DeleteETag = null);

public enum StateErrorKind { ETagMismatch, ETagInvalid, Failed }

public sealed class StateStoreException(StateErrorKind kind, string message) : Exception(message)
{
    public StateErrorKind Kind { get; } = kind;
}
