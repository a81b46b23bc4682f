using System.ComponentModel.DataAnnotations;

namespace Dapr.AiProvider.Router.Configuration;

internal sealed class CircuitOptions
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

internal sealed class CacheOptions
{
    public bool Enabled { get; set; } = true;
    [Range(1, 30 * 86_400)] public int DefaultTtlSeconds { get; set; } = 3600;
    /// <summary>How long a replica keeps a hot answer in memory in front of the state store (0 = off).</summary>
    [Range(0, 86_400)] public int LocalSeconds { get; set; } = 60;
    /// <summary>How many answers a replica keeps in memory at most.</summary>
    [Range(0, 1_000_000)] public int LocalEntries { get; set; } = 10_000;
}

internal sealed class UsageOptions
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

/// <summary>
/// How the router uses providers' free-tier windows (section <c>Router:FreeWindows</c>). <see cref="Proactive"/> off is
/// a comparison switch for the "day of free tier" benchmark, not a production setting: the router then neither
/// leases windows before sending nor learns from rate-limit headers, and only benches a provider after its 429 —
/// the behaviour before issue 17.
/// </summary>
internal sealed class FreeWindowOptions
{
    public bool Proactive { get; set; } = true;
}

internal sealed class BudgetOptions
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

internal sealed class CatalogOptions
{
    [Range(1, 86_400)] public int RefreshSeconds { get; set; } = 30;
    /// <summary>Retry interval while no catalog has been loaded yet.</summary>
    [Range(1, 3600)] public int InitialRetrySeconds { get; set; } = 2;
}

/// <summary>
/// <c>Router:Limits</c>: how much one request may ask of the server. Each limit is answered with a clear 4xx
/// in the caller's dialect; the Kestrel ones protect the connection before any handler runs.
/// </summary>
internal sealed class RequestLimitOptions
{
    /// <summary>Time a client has to send all request headers (Kestrel <c>RequestHeadersTimeout</c>): a slow-headers client is cut off.</summary>
    [Range(1, 300)] public int HeadersTimeoutSeconds { get; set; } = 10;

    /// <summary>Slowest accepted body upload (Kestrel <c>MinRequestBodyDataRate</c>), after <see cref="MinBodyRateGraceSeconds"/>: 408 below it.</summary>
    [Range(1, 1_000_000)] public int MinBodyBytesPerSecond { get; set; } = 240;

    /// <summary>Kestrel requires more than its 1 s heartbeat.</summary>
    [Range(2, 300)] public int MinBodyRateGraceSeconds { get; set; } = 5;

    /// <summary>All request headers together (Kestrel <c>MaxRequestHeadersTotalSize</c>): 431 above it.</summary>
    [Range(4096, 1024 * 1024)] public int MaxHeaderBytes { get; set; } = 32 * 1024;

    /// <summary>Nesting depth of a JSON body (System.Text.Json's default is 64): 400 beyond it.</summary>
    [Range(8, 256)] public int MaxJsonDepth { get; set; } = 64;

    /// <summary>Messages in one chat request: 400 (<c>array_above_max_length</c>) above it.</summary>
    [Range(1, 100_000)] public int MaxMessages { get; set; } = 2048;

    /// <summary>
    /// Tools in one request: 400 (<c>array_above_max_length</c>) above it. OpenAI's own limit is 128 (its error
    /// "Invalid 'tools': array too long. Expected an array with maximum length 128", code array_above_max_length, param
    /// tools; seen in openai/openai-dotnet#317 and inflaborg/ccrelay#120 of 2026-08-09; checked 2026-12-07).
    /// </summary>
    [Range(1, 10_000)] public int MaxTools { get; set; } = 128;

    /// <summary>The JSON text of all tool definitions together: 413 above it.</summary>
    [Range(1024, 64 * 1024 * 1024)] public int MaxToolsBytes { get; set; } = 256 * 1024;
}
