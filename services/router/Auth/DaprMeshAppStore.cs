using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Router.State;
using Dapr.Client;

namespace Dapr.AiProvider.Router.Auth;

/// <summary>Mesh apps under <c>admin:mesh-apps</c> in <c>statestore</c>, ETag-guarded.</summary>
internal sealed class DaprMeshAppStore(DaprClient dapr) : IMeshAppStore
{
    private const string Key = StateKeys.MeshApps;

    public async Task<(IReadOnlyList<MeshApp> Apps, string? ETag)> GetAsync(CancellationToken cancellationToken)
    {
        var (value, etag) = await dapr.GetStateAndETagAsync<MeshApp[]?>(DaprNames.StateStore, Key, ConsistencyMode.Strong, cancellationToken: cancellationToken);
        return (value ?? [], string.IsNullOrEmpty(etag) ? null : etag);
    }

    public Task<bool> TrySaveAsync(IReadOnlyList<MeshApp> apps, string? etag, CancellationToken cancellationToken) =>
        dapr.TrySaveStateAsync(DaprNames.StateStore, Key, apps.ToArray(), StateConcurrency.ETagFor(etag), StateConcurrency.FirstWrite, cancellationToken: cancellationToken);
}
