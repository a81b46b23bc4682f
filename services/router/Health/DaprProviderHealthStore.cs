using Dapr.AiProvider.Router.State;
using System.Text.Json;

namespace Dapr.AiProvider.Router.Health;

/// <summary><c>provider_health:{provider}</c> in <c>statestore</c>, ETag-guarded like the circuits.</summary>
internal sealed class DaprProviderHealthStore(SidecarState state) : IProviderHealthStore
{
    public async Task<StoredProviderHealth> GetAsync(string provider, CancellationToken cancellationToken)
    {
        var (health, etag) = await state.GetAsync(StateKeys.ProviderHealth(provider), SidecarStateJsonContext.Default.ProviderHealth, cancellationToken);
        return new StoredProviderHealth(health, etag);
    }

    public async Task<IReadOnlyList<ProviderHealth>> GetManyAsync(IReadOnlyList<string> providers, CancellationToken cancellationToken)
    {
        if (providers.Count == 0)
        {
            return [];
        }
        var items = await state.GetBulkAsync([.. providers.Select(StateKeys.ProviderHealth)], cancellationToken);
        return [.. items.Where(i => i.HasData).Select(i => i.Data!.Value.Deserialize(SidecarStateJsonContext.Default.ProviderHealth)!)];
    }

    public Task<bool> TrySaveAsync(ProviderHealth health, string? etag, CancellationToken cancellationToken) =>
        state.TrySaveAsync(StateKeys.ProviderHealth(health.Provider), health, SidecarStateJsonContext.Default.ProviderHealth,
            StateConcurrency.ETagFor(etag), metadata: null, cancellationToken);
}
