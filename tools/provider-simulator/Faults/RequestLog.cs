using System.Collections.Concurrent;

namespace Dapr.AiProvider.ProviderSimulator.Faults;

/// <summary>Counts of received chat requests per provider and model (for tests asserting who was called).</summary>
internal sealed class RequestLog
{
    private readonly ConcurrentDictionary<(string Provider, string Model), int> _counts = new();
    private readonly ConcurrentDictionary<(string Provider, string Model), int> _rateLimited = new();

    public void Record(string provider, string model) =>
        _counts.AddOrUpdate((provider, model), 1, static (_, n) => n + 1);

    /// <summary>A request the free-tier limiter refused with the provider's 429.</summary>
    public void RecordRateLimited(string provider, string model) =>
        _rateLimited.AddOrUpdate((provider, model), 1, static (_, n) => n + 1);

    public void Clear()
    {
        _counts.Clear();
        _rateLimited.Clear();
    }

    public IReadOnlyDictionary<string, Dictionary<string, int>> Snapshot() => Group(_counts);

    public IReadOnlyDictionary<string, Dictionary<string, int>> RateLimitedSnapshot() => Group(_rateLimited);

    private static SortedDictionary<string, Dictionary<string, int>> Group(ConcurrentDictionary<(string Provider, string Model), int> counts)
    {
        var result = new SortedDictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var ((provider, model), count) in counts)
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
