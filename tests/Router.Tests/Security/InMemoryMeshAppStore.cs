using Dapr.AiProvider.Router.Auth;
using Dapr.AiProvider.Router.Tests.Fakes;

namespace Dapr.AiProvider.Router.Tests.Security;

/// <summary>The shared mesh-app list in memory.</summary>
internal sealed class InMemoryMeshAppStore : InMemorySharedRecordStore<MeshApp[]>, IMeshAppStore;
