using Dapr.AiProvider.Router.State;
using System.Text.Json;

namespace Dapr.AiProvider.Router.Circuits;

/// <summary>Breaker states in the Dapr state store <c>statestore</c>, ETag-guarded.</summary>
internal sealed class DaprCircuitStore(SidecarState state) : ICircuitStore
{
    public async Task<StoredCircuit> GetAsync(string key, CancellationToken cancellationToken)
    {
        var (circuit, etag) = await state.GetAsync(key, SidecarStateJsonContext.Default.CircuitState, cancellationToken);
        return new StoredCircuit(circuit, etag);
    }

    public async Task<IReadOnlyDictionary<string, StoredCircuit>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, StoredCircuit>(keys.Count, StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return result;
        }
        foreach (var item in await state.GetBulkAsync(keys, cancellationToken))
        {
            var circuit = item.HasData ? item.Data!.Value.Deserialize(SidecarStateJsonContext.Default.CircuitState) : null;
            result[item.Key] = new StoredCircuit(circuit, string.IsNullOrEmpty(item.ETag) ? null : item.ETag);
        }
        return result;
    }

    public Task<bool> TrySaveAsync(string key, CircuitState circuit, string? etag, CancellationToken cancellationToken) =>
        state.TrySaveAsync(key, circuit, SidecarStateJsonContext.Default.CircuitState, StateConcurrency.ETagFor(etag), metadata: null, cancellationToken);
}
