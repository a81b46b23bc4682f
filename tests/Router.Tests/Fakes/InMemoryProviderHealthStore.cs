using System.Collections.Concurrent;
using Dapr.AiProvider.Router.Health;

namespace Dapr.AiProvider.Router.Tests.Fakes;

/// <summary>Provider health records with version ETags, shared by several router instances in a test.</summary>
internal sealed class InMemoryProviderHealthStore : IProviderHealthStore
{
    private readonly ConcurrentDictionary<string, (ProviderHealth Health, int Version)> _items = new(StringComparer.OrdinalIgnoreCase);

    public bool Unavailable { get; set; }

    public ProviderHealth? this[string provider] => _items.TryGetValue(provider, out var item) ? item.Health : null;

    public Task<StoredProviderHealth> GetAsync(string provider, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        return Task.FromResult(_items.TryGetValue(provider, out var item)
            ? new StoredProviderHealth(item.Health, item.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : new StoredProviderHealth(null, null));
    }

    public Task<IReadOnlyList<ProviderHealth>> GetManyAsync(IReadOnlyList<string> providers, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        return Task.FromResult<IReadOnlyList<ProviderHealth>>([.. providers.Where(_items.ContainsKey).Select(p => _items[p].Health)]);
    }

    public Task<bool> TrySaveAsync(ProviderHealth health, string? etag, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        lock (_items)
        {
            var exists = _items.TryGetValue(health.Provider, out var current);
            var expected = exists ? current.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            if (expected != etag)
            {
                return Task.FromResult(false);
            }
            _items[health.Provider] = (health, exists ? current.Version + 1 : 1);
            return Task.FromResult(true);
        }
    }

    private void ThrowIfDown()
    {
        if (Unavailable)
        {
            throw new InvalidOperationException("state store unavailable");
        }
    }
}
