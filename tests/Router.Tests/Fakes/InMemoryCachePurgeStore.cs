using Dapr.AiProvider.Router.Caching;

namespace Dapr.AiProvider.Router.Tests.Fakes;

/// <summary>The shared purge record in memory.</summary>
internal sealed class InMemoryCachePurgeStore : InMemorySharedRecordStore<CachePurgeState>, ICachePurgeStore;
