namespace Dapr.AiProvider.Router.Budget;

/// <summary>An amount in every leased dimension (requests, tokens, cost in micro-dollars).</summary>
internal readonly record struct LeaseAmounts(long Requests, long Tokens, long CostMicros)
{
    public static readonly LeaseAmounts Zero = default;

    public bool Covers(LeaseAmounts need) => Requests >= need.Requests && Tokens >= need.Tokens && CostMicros >= need.CostMicros;

    public static LeaseAmounts operator +(LeaseAmounts a, LeaseAmounts b) => new(a.Requests + b.Requests, a.Tokens + b.Tokens, a.CostMicros + b.CostMicros);
    public static LeaseAmounts operator -(LeaseAmounts a, LeaseAmounts b) => new(a.Requests - b.Requests, a.Tokens - b.Tokens, a.CostMicros - b.CostMicros);

    public static LeaseAmounts Max(LeaseAmounts a, LeaseAmounts b) =>
        new(Math.Max(a.Requests, b.Requests), Math.Max(a.Tokens, b.Tokens), Math.Max(a.CostMicros, b.CostMicros));
}

/// <summary>The outcome of reserving from one scope.</summary>
internal enum LeaseVerdict
{
    /// <summary>Covered by the held lease.</summary>
    Granted,
    /// <summary>The scope is exhausted or blocked.</summary>
    Denied,
    /// <summary>The lease source could not be reached; allowed by the fail-open policy.</summary>
    AllowedUnverified,
    /// <summary>The lease source could not be reached; refused by the fail-closed policy.</summary>
    Unavailable,
}
