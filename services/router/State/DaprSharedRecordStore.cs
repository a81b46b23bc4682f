using System.Text.Json.Serialization.Metadata;

namespace Dapr.AiProvider.Router.State;

/// <summary>A shared record under <paramref name="key"/> in <c>statestore</c>: strong reads, first-write-wins saves by ETag.</summary>
internal class DaprSharedRecordStore<T>(SidecarState state, string key, JsonTypeInfo<T> type) : ISharedRecordStore<T>
    where T : class
{
    public Task<(T? Value, string? ETag)> GetAsync(CancellationToken cancellationToken) =>
        state.GetAsync(key, type, cancellationToken);

    public Task<bool> TrySaveAsync(T value, string? etag, CancellationToken cancellationToken) =>
        state.TrySaveAsync(key, value, type, StateConcurrency.ETagFor(etag), metadata: null, cancellationToken);
}
