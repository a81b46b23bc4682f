using Dapr.AiProvider.Router.State;

namespace Dapr.AiProvider.Router.Auth;

/// <summary>Mesh apps under <c>admin:mesh-apps</c> in <c>statestore</c>, ETag-guarded.</summary>
internal sealed class DaprMeshAppStore(SidecarState state)
    : DaprSharedRecordStore<MeshApp[]>(state, StateKeys.MeshApps, SidecarStateJsonContext.Default.MeshAppArray), IMeshAppStore;
