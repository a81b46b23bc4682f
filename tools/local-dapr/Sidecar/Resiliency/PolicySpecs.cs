namespace Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

/// <summary>A <c>policies.retries</c> entry with dapr/kit retry defaults (constant 5 s, infinite retries).</summary>
internal sealed record RetrySpec
{
    public bool Exponential { get; init; }
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan InitialInterval { get; init; } = TimeSpan.FromMilliseconds(500);
    public double RandomizationFactor { get; init; } = 0.5;
    public double Multiplier { get; init; } = 1.5;
    public TimeSpan MaxInterval { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Exponential only; zero = no limit.</summary>
    public TimeSpan MaxElapsedTime { get; init; } = TimeSpan.FromMinutes(15);
    /// <summary>-1 = retry forever.</summary>
    public long MaxRetries { get; init; } = -1;
    public StatusCodeMatcher HttpStatusCodes { get; init; } = StatusCodeMatcher.Any;
    public StatusCodeMatcher GrpcStatusCodes { get; init; } = StatusCodeMatcher.Any;
    /// <summary>Built-in service retries: only transport failures are retried.</summary>
    public bool TransportErrorsOnly { get; init; }
}

/// <summary>A <c>policies.circuitBreakers</c> entry with gobreaker defaults.</summary>
internal sealed record BreakerSpec
{
    public string Name { get; init; } = "";
    public uint MaxRequests { get; init; } = 1;
    /// <summary>Zero = counts are never cleared while closed.</summary>
    public TimeSpan Interval { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
    public TripExpression Trip { get; init; } = TripExpression.Default;
}

/// <summary>The policy names a target refers to; null = none.</summary>
internal sealed record PolicyNames(string? Timeout, string? Retry, string? CircuitBreaker);

internal sealed record AppTarget(PolicyNames Policies, int CacheSize);

internal sealed record ActorTarget(PolicyNames Policies, bool BreakerPerId, int CacheSize);

internal sealed record ComponentTarget(PolicyNames? Inbound, PolicyNames? Outbound);

/// <summary>The resolved policies for one target (absent = not applied).</summary>
internal sealed record ResolvedPolicies(TimeSpan? Timeout, RetrySpec? Retry, BreakerSpec? Breaker)
{
    public static readonly ResolvedPolicies None = new(null, null, null);
}
