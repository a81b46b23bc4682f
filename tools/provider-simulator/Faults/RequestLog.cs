using System.Collections.Concurrent;

namespace Dapr.AiProvider.ProviderSimulator.Faults;

/// <summary>Counts of received chat requests per provider and model (for tests asserting who was called).</summary>
internal sealed class RequestLog
{
    private readonly ConcurrentDictionary<(string Provider, string Model), int> _counts = new();

    public void Record(string provider, string model) =>
        _counts.AddOrUpdate((provider, model), 1, static (_, n) => n + 1);

    public void Clear() => _counts.Clear();

    public IReadOnlyDictionary<string, Dictionary<string, int>> Snapshot()
    {
        var result = new SortedDictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var ((provider, model), count) in _counts)
        {
            if (!result.TryGetValue(provider, out var models))
            {
                result[provider] = models = new Dictionary<string, int>(StringComparer.Ordinal);
            }
            models[model] = count;
        }
        return result;
    }
}
