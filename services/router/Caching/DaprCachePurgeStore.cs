using Dapr.AiProvider.Router.State;
using Dapr.Client;

namespace Dapr.AiProvider.Router.Caching;

/// <summary>Purge generations under <c>admin:cache-purges</c> in <c>statestore</c>, ETag-guarded.</summary>
internal sealed class DaprCachePurgeStore(DaprClient dapr) : DaprSharedRecordStore<CachePurgeState>(dapr, StateKeys.CachePurges), ICachePurgeStore;
