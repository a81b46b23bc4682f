using System.Collections.Concurrent;
using System.Globalization;
using Dapr.AiProvider.Router.Circuits;

namespace Dapr.AiProvider.Router.Tests.Fakes;

/// <summary>A state store with Redis-like ETags (versions "1","2",…): a write with a stale ETag fails.</summary>
internal sealed class InMemoryCircuitStore : ICircuitStore
{
    private readonly ConcurrentDictionary<string, (CircuitState State, int Version)> _items = new();
    private readonly Lock _gate = new();

    public bool Unavailable { get; set; }
    public int Writes { get; private set; }

    public Task<StoredCircuit> GetAsync(string key, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        return Task.FromResult(_items.TryGetValue(key, out var item)
            ? new StoredCircuit(item.State, item.Version.ToString(CultureInfo.InvariantCulture))
            : new StoredCircuit(null, null));
    }

    public async Task<IReadOnlyDictionary<string, StoredCircuit>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, StoredCircuit>();
        foreach (var key in keys)
        {
            result[key] = await GetAsync(key, cancellationToken);
        }
        return result;
    }

    public Task<bool> TrySaveAsync(string key, CircuitState state, string? etag, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        lock (_gate)
        {
            var exists = _items.TryGetValue(key, out var current);
            var expected = etag is null ? 0 : int.Parse(etag, CultureInfo.InvariantCulture);
            if (exists && current.Version != expected)
            {
                return Task.FromResult(false);
            }
            _items[key] = (state, (exists ? current.Version : 0) + 1);
            Writes++;
            return Task.FromResult(true);
        }
    }

    public CircuitState? Peek(string key) => _items.TryGetValue(key, out var item) ? item.State : null;

    private void ThrowIfDown()
    {
        if (Unavailable)
        {
            throw new InvalidOperationException("state store unavailable");
        }
    }
}
