using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Router.State;
using Dapr.Client;

namespace Dapr.AiProvider.Router.Caching;

/// <summary>Purge generations under <c>admin:cache-purges</c> in <c>statestore</c>, ETag-guarded.</summary>
internal sealed class DaprCachePurgeStore(DaprClient dapr) : ICachePurgeStore
{
    public async Task<(CachePurgeState State, string? ETag)> GetAsync(CancellationToken cancellationToken)
    {
        var (value, etag) = await dapr.GetStateAndETagAsync<CachePurgeState?>(
            DaprNames.StateStore, StateKeys.CachePurges, ConsistencyMode.Strong, cancellationToken: cancellationToken);
        return (value ?? CachePurgeState.Empty, string.IsNullOrEmpty(etag) ? null : etag);
    }

    public Task<bool> TrySaveAsync(CachePurgeState state, string? etag, CancellationToken cancellationToken) =>
        dapr.TrySaveStateAsync(DaprNames.StateStore, StateKeys.CachePurges, state, StateConcurrency.ETagFor(etag), StateConcurrency.FirstWrite,
            cancellationToken: cancellationToken);
}
