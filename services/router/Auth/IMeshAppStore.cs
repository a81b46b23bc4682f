using Dapr.AiProvider.Router.State;

namespace Dapr.AiProvider.Router.Auth;

/// <summary>The mesh apps allowed in by their Dapr identity, shared by every replica (the state store in production).</summary>
internal interface IMeshAppStore : ISharedRecordStore<MeshApp[]>
{
}
