using Dapr.AiProvider.Contracts.Quota;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Quota.Policy;

/// <summary>
/// The pure quota rules behind <c>QuotaActor</c>, driven by <see cref="TimeProvider"/>. A grant never
/// exceeds what is left (limit − settled − outstanding leases) on any hard rule; expired leases return to
/// their windows; settlement charges what was really used (overruns included) to the window the lease
/// was granted in; windows roll on their calendar boundaries.
/// </summary>
internal sealed class QuotaPolicy(TimeProvider time, IOptions<QuotaPolicyOptions> options)
{
    private readonly QuotaPolicyOptions _options = options.Value;

    public QuotaState Create(QuotaLimits limits)
    {
        var state = new QuotaState();
        SetLimits(state, limits);
        return state;
    }

    /// <summary>Replaces the rules; a rule whose metric, period and zone are unchanged keeps its window's usage.</summary>
    public void SetLimits(QuotaState state, QuotaLimits limits)
    {
        state.CatalogLimits = false;
        var now = time.GetUtcNow();
        var previous = new Dictionary<(QuotaMetric, QuotaPeriod, string), WindowState>();
        for (var i = 0; i < state.Limits.Rules.Count && i < state.Windows.Count; i++)
        {
            var rule = state.Limits.Rules[i];
            previous.TryAdd((rule.Metric, rule.Period, rule.TimeZone), state.Windows[i]);
        }
        state.Limits = limits;
        state.Windows = limits.Rules
            .Select(rule => previous.TryGetValue((rule.Metric, rule.Period, rule.TimeZone), out var kept) && kept.End > now
                ? kept
                : QuotaWindows.Open(rule, now))
            .ToList();
    }

    /// <summary>Expires leases, rolls finished windows, lifts an elapsed bench. True when anything changed.</summary>
    public bool Refresh(QuotaState state)
    {
        var now = time.GetUtcNow();
        // Kept until its last request can have arrived: the holder settles it when it expires, and until that settlement
        // lands its use must not look free.
        var changed = state.Leases.RemoveAll(lease => lease.LastArrival <= now) > 0;
        for (var i = 0; i < state.Windows.Count; i++)
        {
            if (now >= state.Windows[i].End)
            {
                state.Windows[i] = QuotaWindows.Next(state.Limits.Rules[i], state.Windows[i], now);
                changed = true;
            }
        }
        if (state.BenchedUntil is { } until && until <= now)
        {
            state.BenchedUntil = null;
            state.BenchReason = null;
            changed = true;
        }
        return changed;
    }

    public LeaseGrant Acquire(QuotaState state, LeaseRequest request)
    {
        if (request.Requests < 0 || request.Tokens < 0 || request.CostMicros < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(request), "Lease amounts must not be negative.");
        }
        AdoptDefaults(state, request.Defaults);
        Refresh(state);
        var now = time.GetUtcNow();
        var unlimited = !state.Limits.Rules.Any(rule => rule.Hard);
        if (state.BenchedUntil is { } benched)
        {
            return new LeaseGrant { ExpiresAt = now, BlockedUntil = benched };
        }

        Span<long> granted = [request.Requests, request.Tokens, request.CostMicros];
        DateTimeOffset? exhaustedUntil = null;
        for (var i = 0; i < state.Limits.Rules.Count; i++)
        {
            var rule = state.Limits.Rules[i];
            var m = (int)rule.Metric;
            if (!rule.Hard || granted[m] == 0)
            {
                continue;
            }
            var remaining = QuotaWindows.Remaining(state, i);
            if (remaining == 0)
            {
                exhaustedUntil = exhaustedUntil is { } seen && seen > state.Windows[i].End ? seen : state.Windows[i].End;
            }
            granted[m] = Math.Min(granted[m], remaining);
        }
        if (exhaustedUntil is not null)
        {
            return new LeaseGrant { ExpiresAt = now, BlockedUntil = exhaustedUntil, Exhausted = true };
        }
        if (granted[0] == 0 && granted[1] == 0 && granted[2] == 0)
        {
            return new LeaseGrant { ExpiresAt = now, Unlimited = unlimited };
        }
        if (state.Leases.Count >= _options.MaxOutstandingLeases)
        {
            return new LeaseGrant { ExpiresAt = now, BlockedUntil = state.Leases.Min(lease => lease.ExpiresAt) };
        }

        var lease = new LeaseState
        {
            Id = $"{now.ToUnixTimeMilliseconds():x}-{++state.LeaseSequence}", // read back by GrantTimeOf
            Holder = request.Holder,
            Requests = granted[0],
            Tokens = granted[1],
            CostMicros = granted[2],
            GrantedAt = now,
            ExpiresAt = LeaseEnd(state, granted, now),
        };
        lease.ArrivesBy = lease.ExpiresAt + _options.BoundaryGuard;
        state.Leases.Add(lease);
        return new LeaseGrant
        {
            LeaseId = lease.Id,
            Requests = lease.Requests,
            Tokens = lease.Tokens,
            CostMicros = lease.CostMicros,
            ExpiresAt = lease.ExpiresAt,
            Unlimited = unlimited,
            Headroom = Headroom(state),
        };
    }

    /// <summary>
    /// Follows the catalog's published windows while the scope has no explicit limits (or had catalog ones):
    /// a changed catalog (override, learned limit) changes the windows, keeping the usage of unchanged rules.
    /// </summary>
    private void AdoptDefaults(QuotaState state, QuotaLimits? defaults)
    {
        if (defaults is null || (!state.CatalogLimits && state.Limits.Rules.Count > 0))
        {
            return;
        }
        var windows = WithLearned(defaults, state.Learned);
        if (state.CatalogLimits && state.Limits.Rules.SequenceEqual(windows.Rules))
        {
            return;
        }
        QuotaLimitsValidator.ThrowIfInvalid(windows);
        SetLimits(state, windows);
        state.CatalogLimits = true;
    }

    /// <summary>
    /// Keeps limits the provider stated; a scope following the catalog applies them at once (an explicitly limited one
    /// keeps its limits). True when anything changed.
    /// </summary>
    public bool Learn(QuotaState state, QuotaLimits stated)
    {
        var learned = WithLearned(new QuotaLimits { Rules = state.Learned }, stated.Rules).Rules.ToList();
        if (learned.SequenceEqual(state.Learned))
        {
            return false;
        }
        state.Learned = learned;
        if (state.CatalogLimits)
        {
            SetLimits(state, WithLearned(state.Limits, learned));
            state.CatalogLimits = true;
        }
        return true;
    }

    /// <summary>The windows with each stated limit in place of the rule of the same metric and period (added when missing).</summary>
    private static QuotaLimits WithLearned(QuotaLimits windows, IReadOnlyList<QuotaRule> learned)
    {
        if (learned.Count == 0)
        {
            return windows;
        }
        var rules = windows.Rules.ToList();
        foreach (var limit in learned)
        {
            var at = rules.FindIndex(r => r.Metric == limit.Metric && r.Period == limit.Period);
            if (at >= 0)
            {
                rules[at] = rules[at] with { Limit = limit.Limit };
            }
            else
            {
                rules.Add(limit);
            }
        }
        return windows with { Rules = rules };
    }

    /// <summary>
    /// A lease stops serving a boundary guard before the end of the first window it draws from, so every request reserved
    /// from it reaches the provider inside that window: spent later, it could land in the next window, which two replicas
    /// could then together exceed (a per-minute free tier). One granted within the guard straddles the boundary: it
    /// serves until the guard before the next window's end and counts against both windows.
    /// </summary>
    private DateTimeOffset LeaseEnd(QuotaState state, ReadOnlySpan<long> granted, DateTimeOffset now)
    {
        var guard = _options.BoundaryGuard;
        var end = now + _options.LeaseDuration;
        for (var i = 0; i < state.Limits.Rules.Count; i++)
        {
            var rule = state.Limits.Rules[i];
            if (!rule.Hard || granted[(int)rule.Metric] == 0)
            {
                continue;
            }
            var windowEnd = state.Windows[i].End;
            var last = now < windowEnd - guard ? windowEnd - guard : QuotaCalendar.WindowAt(rule.Period, rule.TimeZone, windowEnd).End - guard;
            if (last < end)
            {
                end = last;
            }
        }
        return end;
    }

    /// <summary>Share of the tightest hard window still free (leases counted as spent); null without hard limits.</summary>
    private static double? Headroom(QuotaState state)
    {
        double? tightest = null;
        for (var i = 0; i < state.Limits.Rules.Count; i++)
        {
            var rule = state.Limits.Rules[i];
            if (rule.Hard && rule.Limit > 0)
            {
                var share = (double)QuotaWindows.Remaining(state, i) / rule.Limit;
                tightest = tightest is { } seen ? Math.Min(seen, share) : share;
            }
        }
        return tightest;
    }

    /// <summary>Charges the real usage and releases the lease; returns the alerts this crossed.</summary>
    public IReadOnlyList<QuotaAlertRaised> Settle(QuotaState state, string scope, LeaseSettlement settlement)
    {
        if (settlement.UsedRequests < 0 || settlement.UsedTokens < 0 || settlement.UsedCostMicros < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(settlement), "Used amounts must not be negative.");
        }
        Refresh(state);
        var lease = state.Leases.Find(l => l.Id == settlement.LeaseId);
        if (lease is not null)
        {
            state.Leases.Remove(lease);
        }
        Span<long> used = [settlement.UsedRequests, settlement.UsedTokens, settlement.UsedCostMicros];
        var grantedAt = lease?.GrantedAt ?? GrantTimeOf(settlement.LeaseId);
        for (var i = 0; i < state.Windows.Count; i++)
        {
            var window = state.Windows[i];
            var amount = used[(int)state.Limits.Rules[i].Metric];
            // A lease granted in an earlier window was spent there (that window is gone, nothing to charge now) unless it
            // straddled into this one. A lease that may still land in the next window carries its use into it.
            // An unknown lease is charged to the current window when its id says it was granted in it (the usage did
            // happen), or when its id says nothing.
            if (lease is not null ? lease.GrantedAt >= window.Start || lease.LastArrival > window.Start
                : grantedAt is not { } at || at >= window.Start)
            {
                window.Used += amount;
            }
            if (lease is not null && lease.LastArrival > window.End)
            {
                window.CarriedIntoNext += amount;
            }
        }
        return QuotaAlerts.Raise(state, scope, time.GetUtcNow());
    }

    /// <summary>When a lease was granted, from its id (<c>{unix ms, hex}-{sequence}</c>); null for an id not made here.</summary>
    private static DateTimeOffset? GrantTimeOf(string leaseId)
    {
        var dash = leaseId.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && long.TryParse(leaseId.AsSpan(0, dash), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var ms)
            && ms is > 0 and < 253_402_300_800_000
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
    }

    public void Bench(QuotaState state, BenchRequest request)
    {
        var lifted = request.Until <= time.GetUtcNow();
        state.BenchedUntil = lifted ? null : request.Until;
        state.BenchReason = lifted ? null : request.Reason;
    }

    public QuotaStatus Status(QuotaState state, string scope) => new()
    {
        Scope = scope,
        BenchedUntil = state.BenchedUntil,
        BenchReason = state.BenchReason,
        Windows = state.Limits.Rules.Select((rule, i) => new QuotaWindowStatus
        {
            Rule = rule,
            Used = state.Windows[i].Used,
            Leased = QuotaWindows.Leased(state, i),
            Remaining = QuotaWindows.Remaining(state, i),
            ResetsAt = state.Windows[i].End,
        }).ToList(),
    };

    /// <summary>The next instant something changes by itself (window end, lease expiry, bench end).</summary>
    public DateTimeOffset? NextChange(QuotaState state) =>
        state.Windows.Select(w => (DateTimeOffset?)w.End)
            .Concat(state.Leases.Select(l => (DateTimeOffset?)l.ExpiresAt))
            .Append(state.BenchedUntil)
            .Where(t => t is not null)
            .Min();

    /// <summary>Used share of each limited window, keyed like the gauge's <c>quota_type</c> tag.</summary>
    public IEnumerable<(string QuotaType, double Ratio)> Ratios(QuotaState state) =>
        state.Limits.Rules.Select((rule, i) => (QuotaNames.QuotaType(rule),
            rule.Limit == 0 ? 1.0 : (double)state.Windows[i].Used / rule.Limit));
}
