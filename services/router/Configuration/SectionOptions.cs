using System.ComponentModel.DataAnnotations;

namespace Dapr.AiProvider.Router.Configuration;

public sealed class CircuitOptions
{
    /// <summary>Counted failures in a row that open the circuit.</summary>
    [Range(1, 100)] public int FailureThreshold { get; set; } = 3;
    [Range(1, 86_400)] public int OpenSeconds { get; set; } = 30;
    /// <summary>Concurrent probes one replica lets through a half-open circuit.</summary>
    [Range(1, 100)] public int HalfOpenProbes { get; set; } = 1;
    /// <summary>How stale the in-memory view of the shared state may get.</summary>
    [Range(1, 3600)] public int RefreshSeconds { get; set; } = 2;
    /// <summary>How often a replica folds its outcomes into <c>provider_health:{provider}</c> and reads every record back.</summary>
    [Range(1, 3600)] public int HealthSyncSeconds { get; set; } = 5;
    /// <summary>Bench for rate_limited / quota_exhausted without a reset time.</summary>
    [Range(1, 86_400)] public int DefaultBenchSeconds { get; set; } = 60;
}

public sealed class CacheOptions
{
    public bool Enabled { get; set; } = true;
    [Range(1, 30 * 86_400)] public int DefaultTtlSeconds { get; set; } = 3600;
    /// <summary>How long a replica keeps a hot answer in memory in front of the state store (0 = off).</summary>
    [Range(0, 86_400)] public int LocalSeconds { get; set; } = 60;
    /// <summary>How many answers a replica keeps in memory at most.</summary>
    [Range(0, 1_000_000)] public int LocalEntries { get; set; } = 10_000;
}

public sealed class UsageOptions
{
    [Range(1, 1_000_000)] public int BufferSize { get; set; } = 10_000;
    [Range(1, 600)] public int ShutdownFlushSeconds { get; set; } = 10;
    [Range(1, 60_000)] public int MaxBackoffMilliseconds { get; set; } = 5_000;
    /// <summary>Publishes in flight at once.</summary>
    [Range(1, 64)] public int Publishers { get; set; } = 4;
    /// <summary>Most events in one pub/sub message (a <c>UsageBatch</c> when more than one).</summary>
    [Range(1, 1_000)] public int MaxBatch { get; set; } = 100;
    /// <summary>
    /// How long a batch waits for more events once the first has arrived (0: publish at once). A publish costs
    /// CPU in four processes (router, two sidecars, quota) whatever its size, so at a few hundred requests per
    /// second batching them frees CPU that requests would otherwise queue behind.
    /// </summary>
    [Range(0, 5_000)] public int LingerMilliseconds { get; set; } = 25;
}

public sealed class BudgetOptions
{
    public bool Enabled { get; set; } = true;
    /// <summary>Allow requests when the quota service cannot be reached (logged).</summary>
    public bool FailOpen { get; set; } = true;
    [Range(1, long.MaxValue)] public long SliceCostMicros { get; set; } = 1_000_000;
    [Range(1, long.MaxValue)] public long SliceRequests { get; set; } = 100;
    [Range(1, long.MaxValue)] public long SliceTokens { get; set; } = 200_000;
    [Range(1, 60)] public int CallTimeoutSeconds { get; set; } = 3;
    /// <summary>After a failed call to the lease source, how long to wait before asking again.</summary>
    [Range(1, 3600)] public int RetryAfterFailureSeconds { get; set; } = 10;
}

public sealed class CatalogOptions
{
    [Range(1, 86_400)] public int RefreshSeconds { get; set; } = 30;
    /// <summary>Retry interval while no catalog has been loaded yet.</summary>
    [Range(1, 3600)] public int InitialRetrySeconds { get; set; } = 2;
}
