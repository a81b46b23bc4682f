using System.Collections.Concurrent;

namespace Dapr.AiProvider.Router.Routing;

/// <summary>Exponentially weighted moving average of call latency per provider/model (this replica).</summary>
internal sealed class LatencyTracker
{
    private const double Alpha = 0.2;
    private readonly ConcurrentDictionary<string, double> _ewma = new(StringComparer.OrdinalIgnoreCase);

    public void Record(string modelId, double milliseconds) =>
        _ewma.AddOrUpdate(modelId, milliseconds, (_, previous) => previous + (Alpha * (milliseconds - previous)));

    /// <summary>The average, or null before the first observation.</summary>
    public double? Get(string modelId) => _ewma.TryGetValue(modelId, out var value) ? value : null;
}
