using System.Collections.Concurrent;

namespace Dapr.AiProvider.Router.Routing;

/// <summary>
/// Exponentially weighted moving average of call latency per provider/model. This replica's own
/// measurements win; before its first one, the average shared by all replicas (provider health) is used.
/// </summary>
internal sealed class LatencyTracker
{
    private const double Alpha = 0.2;
    private readonly ConcurrentDictionary<string, double> _ewma = new(StringComparer.OrdinalIgnoreCase);
    private volatile IReadOnlyDictionary<string, double> _shared = new Dictionary<string, double>();

    public void Record(string modelId, double milliseconds) =>
        _ewma.AddOrUpdate(modelId, milliseconds, (_, previous) => previous + (Alpha * (milliseconds - previous)));

    /// <summary>The average, or null before any replica measured the model.</summary>
    public double? Get(string modelId) =>
        _ewma.TryGetValue(modelId, out var value) ? value : _shared.TryGetValue(modelId, out var shared) ? shared : null;

    /// <summary>This replica's averages for the models of one provider (ids start with <c>{provider}/</c>).</summary>
    public Dictionary<string, double> Local(string provider)
    {
        var prefix = provider + "/";
        return _ewma.Where(e => e.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToDictionary(StringComparer.Ordinal);
    }

    /// <summary>Replaces the shared averages (model id → ms), read from the provider health records.</summary>
    public void SetShared(IReadOnlyDictionary<string, double> shared) => _shared = shared;
}
