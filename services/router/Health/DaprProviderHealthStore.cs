using Dapr.AiProvider.Router.State;
using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Router.Hosting;
using Dapr.Client;

namespace Dapr.AiProvider.Router.Health;

/// <summary><c>provider_health:{provider}</c> in <c>statestore</c>, ETag-guarded like the circuits.</summary>
internal sealed class DaprProviderHealthStore(DaprClient dapr) : IProviderHealthStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<StoredProviderHealth> GetAsync(string provider, CancellationToken cancellationToken)
    {
        var (health, etag) = await dapr.GetStateAndETagAsync<ProviderHealth?>(DaprNames.StateStore, StateKeys.ProviderHealth(provider),
            ConsistencyMode.Strong, cancellationToken: cancellationToken);
        return new StoredProviderHealth(health, string.IsNullOrEmpty(etag) ? null : etag);
    }

    public async Task<IReadOnlyList<ProviderHealth>> GetManyAsync(IReadOnlyList<string> providers, CancellationToken cancellationToken)
    {
        if (providers.Count == 0)
        {
            return [];
        }
        var items = await dapr.GetBulkStateAsync(DaprNames.StateStore, [.. providers.Select(StateKeys.ProviderHealth)], parallelism: 4,
            cancellationToken: cancellationToken);
        return [.. items.Where(i => !string.IsNullOrEmpty(i.Value)).Select(i => JsonSerializer.Deserialize<ProviderHealth>(i.Value, Json)!)];
    }

    public Task<bool> TrySaveAsync(ProviderHealth health, string? etag, CancellationToken cancellationToken) =>
        dapr.TrySaveStateAsync(DaprNames.StateStore, StateKeys.ProviderHealth(health.Provider), health, StateConcurrency.ETagFor(etag), StateConcurrency.FirstWrite,
            cancellationToken: cancellationToken);
}
