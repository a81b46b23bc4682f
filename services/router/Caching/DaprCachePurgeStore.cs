using Dapr.AiProvider.Router.State;

namespace Dapr.AiProvider.Router.Caching;

/// <summary>Purge generations under <c>admin:cache-purges</c> in <c>statestore</c>, ETag-guarded.</summary>
internal sealed class DaprCachePurgeStore(SidecarState state)
    : DaprSharedRecordStore<CachePurgeState>(state, StateKeys.CachePurges, SidecarStateJsonContext.Default.CachePurgeState), ICachePurgeStore;
