using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Configuration;

namespace Dapr.AiProvider.Router.Budget;

/// <summary>
/// The slice of one scope this replica holds: spent locally, refilled from the lease source only when
/// it runs short, expired or blocked. Generic over the leased dimensions (requests, tokens, cost).
/// A slice is settled with everything taken from it, reservations still in flight included (at their
/// estimate), so the scope never counts a request that is under way as free; a reservation settled
/// after its slice was is left at that estimate (<see cref="LeaseTake.Lease"/> tells them apart).
/// </summary>
internal sealed class LeaseHolder(string scope, string holderId, ILeaseSource source, BudgetOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _refill = new(1, 1);
    private LeaseAmounts _granted;
    private LeaseAmounts _remaining;
    private long _lease;
    private double? _headroom;
    private string? _leaseId;
    private bool _unlimited;
    private volatile bool _hardLimited;
    private DateTimeOffset _expiresAt = DateTimeOffset.MinValue;
    private DateTimeOffset? _blockedUntil;
    private DateTimeOffset _sourceDownUntil = DateTimeOffset.MinValue;
    // Settlements the lease source did not take (it failed mid-refill): sent before the next grant is asked for, so use
    // of an expired slice is still charged (the actor charges a late settlement to the window its lease was granted in)
    // and a free window never looks emptier than the provider counts it. Touched only under _refill.
    private readonly List<LeaseSettlement> _unsent = [];

    // The published limits the held slice and block were granted under (provider windows only): a slice or a block is
    // only as good as the limits it was granted for.
    private QuotaLimits? _limits;

    public string Scope => scope;

    /// <summary>The last grant said the scope has a hard rule (not unlimited); kept while the source is unreachable.</summary>
    public bool HardLimited => _hardLimited;

    /// <summary>
    /// Follows the scope's published limits: when an operator changes them (registry, overrides), a block or slice granted
    /// under the old ones is let go, so the next reservation asks the actor, which applies the new limit to the current
    /// window at once (a window known to be spent included). The first limits seen only set the baseline.
    /// </summary>
    public void Follow(QuotaLimits? limits)
    {
        // Called before every reservation and block check: the limits a replica holds change only with a catalog
        // refresh, so the common case (the same instance) returns without taking the lock.
        if (limits is null || ReferenceEquals(limits, Volatile.Read(ref _limits)))
        {
            return;
        }
        lock (_gate)
        {
            if (ReferenceEquals(limits, _limits) || (_limits is not null && _limits.Rules.SequenceEqual(limits.Rules)))
            {
                _limits = limits;
                return;
            }
            var changed = _limits is not null;
            _limits = limits;
            if (changed)
            {
                _blockedUntil = null;
                _expiresAt = DateTimeOffset.MinValue; // refilled (and the held slice settled) with the next reservation
            }
        }
    }

    /// <summary>Share of the scope's tightest window left when the last slice was granted (null: unlimited or not asked yet).</summary>
    public double? Headroom
    {
        get
        {
            lock (_gate)
            {
                return _headroom;
            }
        }
    }

    /// <summary>Until when the scope refused this replica (exhausted window or bench), if it still does.</summary>
    public DateTimeOffset? BlockedUntil(DateTimeOffset now)
    {
        lock (_gate)
        {
            return _blockedUntil is { } blocked && now < blocked ? blocked : null;
        }
    }

    /// <summary>Requests left in the held slice (0 when none is held or it expired).</summary>
    public long RemainingRequests
    {
        get
        {
            lock (_gate)
            {
                return _leaseId is null || _unlimited || time.GetUtcNow() >= _expiresAt ? 0 : _remaining.Requests;
            }
        }
    }

    /// <summary>
    /// Cost left in the held slice, or null when the scope is unlimited or unknown. A hard-limited scope whose slice was
    /// let go (a refill failed while quota is away) has 0 left here, not "unlimited".
    /// </summary>
    public long? RemainingCostMicros
    {
        get
        {
            lock (_gate)
            {
                return _unlimited ? null : _leaseId is not null ? _remaining.CostMicros : _hardLimited ? 0 : null;
            }
        }
    }

    /// <param name="defaults">The scope's published limits, sent with each request for a slice (null for budget scopes).</param>
    /// <param name="slice">How much to ask for at least (null: the configured budget slice).</param>
    public async ValueTask<LeaseTake> ReserveAsync(LeaseAmounts need, CancellationToken cancellationToken,
        QuotaLimits? defaults = null, LeaseAmounts? slice = null)
    {
        if (TryTakeLocal(need, out var fast))
        {
            return fast;
        }
        await _refill.WaitAsync(cancellationToken);
        try
        {
            if (TryTakeLocal(need, out var again))
            {
                return again;
            }
            var now = time.GetUtcNow();
            if (now < _sourceDownUntil || !await SendUnsentAsync(now, cancellationToken))
            {
                return Unreachable();
            }
            // The held slice is settled in the same actor turn as the new grant: one call per refill.
            var previous = DetachCurrent();
            var ask = LeaseAmounts.Max(need, slice ?? new LeaseAmounts(options.SliceRequests, options.SliceTokens, options.SliceCostMicros));
            LeaseGrant grant;
            try
            {
                grant = await source.AcquireAsync(scope, new LeaseRequest
                {
                    Holder = holderId, Requests = ask.Requests, Tokens = ask.Tokens, CostMicros = ask.CostMicros, Defaults = defaults,
                    Settle = previous,
                }, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (previous is not null)
                {
                    _unsent.Add(previous);
                }
                _sourceDownUntil = now.AddSeconds(options.RetryAfterFailureSeconds);
                return Unreachable();
            }
            return Apply(grant, need, now);
        }
        finally
        {
            _refill.Release();
        }
    }

    /// <summary>Corrects a reservation with what the request really used (when its slice is still held).</summary>
    public void Settle(LeaseAmounts reserved, LeaseAmounts actual, long lease)
    {
        lock (_gate)
        {
            if (lease == _lease && _leaseId is not null)
            {
                _remaining = _remaining + reserved - actual;
            }
        }
    }

    /// <summary>Reports the held lease's use (and any settlement the source did not take before) so the unused rest
    /// returns to the scope (shutdown).</summary>
    public async Task SettleCurrentAsync(CancellationToken cancellationToken)
    {
        await _refill.WaitAsync(cancellationToken);
        try
        {
            if (DetachCurrent() is { } settlement)
            {
                _unsent.Add(settlement);
            }
            await SendUnsentAsync(time.GetUtcNow(), cancellationToken);
        }
        finally
        {
            _refill.Release();
        }
    }

    /// <summary>Sends the settlements the source did not take, oldest first; false (source marked down) when it still fails.</summary>
    private async Task<bool> SendUnsentAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        while (_unsent.Count > 0)
        {
            try
            {
                await source.SettleAsync(scope, _unsent[0], cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _sourceDownUntil = now.AddSeconds(options.RetryAfterFailureSeconds);
                return false;
            }
            _unsent.RemoveAt(0);
        }
        return true;
    }

    /// <summary>Lets go of the held lease; its settlement (settled use plus reservations still in flight), or null when none is held.</summary>
    private LeaseSettlement? DetachCurrent()
    {
        lock (_gate)
        {
            var leaseId = _leaseId;
            var used = _granted - _remaining;
            _leaseId = null;
            _lease++;
            _granted = LeaseAmounts.Zero;
            _remaining = LeaseAmounts.Zero;
            _unlimited = false;
            return leaseId is not { Length: > 0 } ? null : new LeaseSettlement
            {
                LeaseId = leaseId, UsedRequests = used.Requests, UsedTokens = used.Tokens, UsedCostMicros = used.CostMicros,
            };
        }
    }

    private bool TryTakeLocal(LeaseAmounts need, out LeaseTake result)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_blockedUntil is { } blocked && now < blocked)
            {
                result = new LeaseTake(LeaseVerdict.Denied, blocked, _lease);
                return true;
            }
            var valid = _leaseId is not null && now < _expiresAt;
            if (valid && (_unlimited || _remaining.Covers(need)))
            {
                _remaining -= need;
                result = new LeaseTake(LeaseVerdict.Granted, null, _lease, SendBy);
                return true;
            }
        }
        result = default;
        return false;
    }

    private LeaseTake Apply(LeaseGrant grant, LeaseAmounts need, DateTimeOffset now)
    {
        lock (_gate)
        {
            _leaseId = grant.LeaseId;
            _unlimited = grant.Unlimited;
            _hardLimited = !grant.Unlimited;
            _headroom = grant.Unlimited ? null : grant.Headroom ?? (grant.Exhausted ? 0 : _headroom);
            _granted = new LeaseAmounts(grant.Requests, grant.Tokens, grant.CostMicros);
            _remaining = _granted;
            _expiresAt = grant.ExpiresAt > now ? grant.ExpiresAt : now.AddMinutes(1);
            _blockedUntil = grant.BlockedUntil > now ? grant.BlockedUntil
                : grant.Exhausted && !grant.Unlimited && !new LeaseAmounts(grant.Requests, grant.Tokens, grant.CostMicros).Covers(need)
                    ? now.AddSeconds(5) : null;
            if (_blockedUntil is { } blocked)
            {
                return new LeaseTake(LeaseVerdict.Denied, blocked, _lease);
            }
            if (_unlimited || _remaining.Covers(need))
            {
                _remaining -= need;
                return new LeaseTake(LeaseVerdict.Granted, null, _lease, SendBy);
            }
            return new LeaseTake(LeaseVerdict.Denied, now.AddSeconds(1), _lease);
        }
    }

    /// <summary>The held slice's end when a hard rule limits it (a request taken from it must leave by then), else null.
    /// Read under <see cref="_gate"/>.</summary>
    private DateTimeOffset? SendBy => _unlimited ? null : _expiresAt;

    private LeaseTake Unreachable() =>
        options.FailOpen ? new LeaseTake(LeaseVerdict.AllowedUnverified, null, _lease) : new LeaseTake(LeaseVerdict.Unavailable, _sourceDownUntil, _lease);
}

/// <summary>The outcome of one reservation, and which slice (<see cref="Lease"/>) it was taken from.</summary>
/// <param name="SendBy">Granted from a limited slice: the slice's end, by which the request must have left.</param>
internal readonly record struct LeaseTake(LeaseVerdict Verdict, DateTimeOffset? RetryAt, long Lease, DateTimeOffset? SendBy = null);
