namespace Dapr.AiProvider.Router.State;

/// <summary>
/// The read-modify-write of one <see cref="ISharedRecordStore{T}"/> record: read it with its ETag, apply the change,
/// save only if nobody wrote in between, else read again (at most <see cref="MaxAttempts"/> times, so a stuck store
/// ends in <see cref="SharedRecordUpdate{T}.Contended"/> rather than a loop). A record never written reads as
/// <paramref name="empty"/>.
/// </summary>
internal sealed class SharedRecord<T>(ISharedRecordStore<T> store, T empty)
    where T : class
{
    public const int MaxAttempts = 8;

    public async Task<T> ReadAsync(CancellationToken cancellationToken) => (await store.GetAsync(cancellationToken)).Value ?? empty;

    /// <param name="change">The next record from the current one; null when the current one already says it (nothing is written).</param>
    public async Task<SharedRecordUpdate<T>> UpdateAsync(Func<T, T?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (stored, etag) = await store.GetAsync(cancellationToken);
            var current = stored ?? empty;
            if (change(current) is not { } next)
            {
                return new SharedRecordUpdate<T>.Unchanged(current);
            }
            if (await store.TrySaveAsync(next, etag, cancellationToken))
            {
                return new SharedRecordUpdate<T>.Saved(next);
            }
        }
        return new SharedRecordUpdate<T>.Contended();
    }
}

/// <summary>How an update of a shared record ended. Closed: saved, nothing to change, or still contended after every attempt.</summary>
internal abstract record SharedRecordUpdate<T>
{
    private SharedRecordUpdate()
    {
    }

    public sealed record Saved(T Value) : SharedRecordUpdate<T>;

    public sealed record Unchanged(T Value) : SharedRecordUpdate<T>;

    public sealed record Contended : SharedRecordUpdate<T>;
}
