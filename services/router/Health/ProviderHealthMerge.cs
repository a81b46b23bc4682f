using Dapr.AiProvider.Router.Circuits;

namespace Dapr.AiProvider.Router.Health;

/// <summary>Folds one replica's observations into the shared record (pure: the sync does the ETag loop).</summary>
internal static class ProviderHealthMerge
{
    /// <summary>Weight of this replica's latency average against the shared one.</summary>
    private const double LatencyWeight = 0.5;

    public static ProviderHealth Merge(ProviderHealth? stored, string provider, ProviderHealthTracker.Observations seen,
        IReadOnlyDictionary<string, double> localLatency, CircuitStatus circuit, DateTimeOffset now)
    {
        var window = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        var sameWindow = stored is not null && stored.Window == window;
        var successes = (sameWindow ? stored!.Successes : 0) + seen.Successes;
        var failures = (sameWindow ? stored!.Failures : 0) + seen.Failures;
        var lastSuccess = ProviderHealthTracker.Observations.Later(stored?.LastSuccessAt, seen.LastSuccessAt);
        var newerFailure = seen.LastFailureAt is { } failedAt && (stored?.LastFailureAt is null || failedAt >= stored.LastFailureAt);
        var lastFailure = newerFailure ? seen.LastFailureAt : stored?.LastFailureAt;
        var latency = new Dictionary<string, double>(stored?.LatencyMs ?? [], StringComparer.Ordinal);
        foreach (var (model, ms) in localLatency)
        {
            latency[model] = latency.TryGetValue(model, out var shared) ? shared + (LatencyWeight * (ms - shared)) : ms;
        }
        return new ProviderHealth
        {
            Provider = provider,
            Status = Status(circuit, successes, failures, lastSuccess, lastFailure),
            Circuit = CircuitName(circuit),
            Window = window,
            Successes = successes,
            Failures = failures,
            LastSuccessAt = lastSuccess,
            LastFailureAt = lastFailure,
            LastError = newerFailure ? seen.LastError : stored?.LastError,
            LatencyMs = latency,
            UpdatedAt = now,
        };
    }

    /// <summary>Down while the circuit is open; degraded while half-open or failing at least as often as succeeding.</summary>
    public static string Status(CircuitStatus circuit, long successes, long failures, DateTimeOffset? lastSuccess, DateTimeOffset? lastFailure)
    {
        if (circuit == CircuitStatus.Open)
        {
            return ProviderHealthStatus.Down;
        }
        if (lastSuccess is null && lastFailure is null)
        {
            return ProviderHealthStatus.Unknown;
        }
        var failing = successes + failures > 0 ? failures >= successes && failures > 0 : lastFailure > (lastSuccess ?? DateTimeOffset.MinValue);
        return circuit == CircuitStatus.HalfOpen || failing ? ProviderHealthStatus.Degraded : ProviderHealthStatus.Healthy;
    }

    public static string CircuitName(CircuitStatus circuit) => circuit switch
    {
        CircuitStatus.Open => "open",
        CircuitStatus.HalfOpen => "half_open",
        _ => "closed",
    };
}
