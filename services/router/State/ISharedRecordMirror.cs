namespace Dapr.AiProvider.Router.State;

/// <summary>
/// This replica's copy of one shared record (mesh apps, disabled providers, cache purge generations): read lock-free
/// on the request path, reloaded by <see cref="SharedRecordRefresher"/> so that a change made through another replica
/// arrives here within one refresh.
/// </summary>
internal interface ISharedRecordMirror
{
    /// <summary>What the record holds, as the log names it.</summary>
    string Name { get; }

    Task RefreshAsync(CancellationToken cancellationToken);
}
