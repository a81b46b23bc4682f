using Dapr.AiProvider.Router.State;

namespace Dapr.AiProvider.Router.Caching;

/// <summary>The shared purge generations (the Dapr state store in production).</summary>
internal interface ICachePurgeStore : ISharedRecordStore<CachePurgeState>
{
}
