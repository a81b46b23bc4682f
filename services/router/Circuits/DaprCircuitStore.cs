using Dapr.AiProvider.Router.State;
using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Router.Hosting;
using Dapr.Client;

namespace Dapr.AiProvider.Router.Circuits;

/// <summary>Breaker states in the Dapr state store <c>statestore</c>, ETag-guarded.</summary>
internal sealed class DaprCircuitStore(DaprClient dapr) : ICircuitStore
{
    public async Task<StoredCircuit> GetAsync(string key, CancellationToken cancellationToken)
    {
        var (state, etag) = await dapr.GetStateAndETagAsync<CircuitState?>(DaprNames.StateStore, key, ConsistencyMode.Strong, cancellationToken: cancellationToken);
        return new StoredCircuit(state, string.IsNullOrEmpty(etag) ? null : etag);
    }

    public async Task<IReadOnlyDictionary<string, StoredCircuit>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, StoredCircuit>(keys.Count, StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return result;
        }
        var items = await dapr.GetBulkStateAsync(DaprNames.StateStore, keys, parallelism: 4, cancellationToken: cancellationToken);
        foreach (var item in items)
        {
            var state = string.IsNullOrEmpty(item.Value)
                ? null
                : JsonSerializer.Deserialize(item.Value, RouterStateJsonContext.Default.CircuitState);
            result[item.Key] = new StoredCircuit(state, string.IsNullOrEmpty(item.ETag) ? null : item.ETag);
        }
        return result;
    }

    public Task<bool> TrySaveAsync(string key, CircuitState state, string? etag, CancellationToken cancellationToken) =>
        dapr.TrySaveStateAsync(DaprNames.StateStore, key, state, StateConcurrency.ETagFor(etag), StateConcurrency.FirstWrite, cancellationToken: cancellationToken);
}
