namespace Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

/// <summary>The counters a circuit breaker keeps per generation (sony/gobreaker <c>Counts</c>).</summary>
internal readonly record struct BreakerCounts(
    long Requests, long TotalSuccesses, long TotalFailures, long ConsecutiveSuccesses, long ConsecutiveFailures)
{
    public long Get(string name) => name switch
    {
        "requests" => Requests,
        "totalSuccesses" => TotalSuccesses,
        "totalFailures" => TotalFailures,
        "consecutiveSuccesses" => ConsecutiveSuccesses,
        "consecutiveFailures" => ConsecutiveFailures,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown counter"),
    };

    public static bool IsCounter(string name) => name is
        "requests" or "totalSuccesses" or "totalFailures" or "consecutiveSuccesses" or "consecutiveFailures";
}
