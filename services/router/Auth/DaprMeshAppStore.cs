using Dapr.AiProvider.Router.State;
using Dapr.Client;

namespace Dapr.AiProvider.Router.Auth;

/// <summary>Mesh apps under <c>admin:mesh-apps</c> in <c>statestore</c>, ETag-guarded.</summary>
internal sealed class DaprMeshAppStore(DaprClient dapr) : DaprSharedRecordStore<MeshApp[]>(dapr, StateKeys.MeshApps), IMeshAppStore;
