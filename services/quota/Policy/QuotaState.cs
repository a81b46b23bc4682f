using Dapr.AiProvider.Contracts.Quota;

namespace Dapr.AiProvider.Quota.Policy;

/// <summary>Everything a <c>QuotaActor</c> keeps in its state store entry (JSON).</summary>
internal sealed class QuotaState
{
    public QuotaLimits Limits { get; set; } = new();
    /// <summary>
    /// True when <see cref="Limits"/> are the catalog's published windows (<see cref="LeaseRequest.Defaults"/>), which
    /// follow the catalog; false when set explicitly (admin API), which the catalog never overrides.
    /// </summary>
    public bool CatalogLimits { get; set; }
    /// <summary>
    /// Limits the provider stated (<c>LearnLimitsAsync</c>): while the scope follows the catalog, each replaces the
    /// published rule of the same metric and period. Kept here, so every replica and a restarted router use them.
    /// </summary>
    public List<QuotaRule> Learned { get; set; } = [];
    /// <summary>One per rule of <see cref="Limits"/>, same order.</summary>
    public List<WindowState> Windows { get; set; } = [];
    /// <summary>Unsettled, unexpired grants.</summary>
    public List<LeaseState> Leases { get; set; } = [];
    public DateTimeOffset? BenchedUntil { get; set; }
    public string? BenchReason { get; set; }
    public long LeaseSequence { get; set; }
    /// <summary>When the registered reset reminder fires next (null: none registered).</summary>
    public DateTimeOffset? ReminderDueAt { get; set; }
}

/// <summary>The current calendar window of one rule.</summary>
internal sealed class WindowState
{
    public DateTimeOffset Start { get; set; }
    public DateTimeOffset End { get; set; }
    /// <summary>Settled consumption in this window (may exceed the limit after overruns).</summary>
    public long Used { get; set; }
    /// <summary>
    /// Use settled from leases that straddle this window's end (granted within the boundary guard): their requests may
    /// have reached the provider in the next window, so the next window starts with it.
    /// </summary>
    public long CarriedIntoNext { get; set; }
    /// <summary>Alert thresholds already raised in this window.</summary>
    public List<double> FiredThresholds { get; set; } = [];
}

/// <summary>A grant handed to a router replica and not yet settled.</summary>
internal sealed class LeaseState
{
    public string Id { get; set; } = "";
    public string Holder { get; set; } = "";
    public long Requests { get; set; }
    public long Tokens { get; set; }
    public long CostMicros { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>
    /// The last instant a request reserved from it can reach the provider (expiry + boundary guard): it counts against
    /// every window up to then, and stays outstanding (its settlement may still be on its way) until then.
    /// </summary>
    public DateTimeOffset ArrivesBy { get; set; }

    /// <summary><see cref="ArrivesBy"/>, or the expiry for a lease stored before it existed.</summary>
    public DateTimeOffset LastArrival => ArrivesBy > ExpiresAt ? ArrivesBy : ExpiresAt;

    public long Amount(QuotaMetric metric) => metric switch
    {
        QuotaMetric.Requests => Requests,
        QuotaMetric.Tokens => Tokens,
        _ => CostMicros,
    };
}
