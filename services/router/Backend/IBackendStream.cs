namespace Dapr.AiProvider.Router.Backend;

/// <summary>An open adapter stream, read one event at a time.</summary>
internal interface IBackendStream : IAsyncDisposable
{
    /// <summary>The next event, or null when the stream ended (without <c>done</c> that means it was cut).
    /// Transport failures are returned as an error event, not thrown.</summary>
    ValueTask<BackendStreamEvent?> ReadAsync(CancellationToken cancellationToken);
}
