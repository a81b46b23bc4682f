using Dapr.AiProvider.Contracts;
using Dapr.Client;

namespace Dapr.AiProvider.Router.State;

/// <summary>A shared record under <paramref name="key"/> in <c>statestore</c>: strong reads, first-write-wins saves by ETag.</summary>
internal class DaprSharedRecordStore<T>(DaprClient dapr, string key) : ISharedRecordStore<T>
    where T : class
{
    public async Task<(T? Value, string? ETag)> GetAsync(CancellationToken cancellationToken)
    {
        var (value, etag) = await dapr.GetStateAndETagAsync<T?>(DaprNames.StateStore, key, ConsistencyMode.Strong, cancellationToken: cancellationToken);
        return (value, string.IsNullOrEmpty(etag) ? null : etag);
    }

    public Task<bool> TrySaveAsync(T value, string? etag, CancellationToken cancellationToken) =>
        dapr.TrySaveStateAsync(DaprNames.StateStore, key, value, StateConcurrency.ETagFor(etag), StateConcurrency.FirstWrite,
            cancellationToken: cancellationToken);
}
