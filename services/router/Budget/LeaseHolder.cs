using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Configuration;

namespace Dapr.AiProvider.Router.Budget;

/// <summary>
/// The slice of one scope this replica holds: spent locally, refilled from the lease source only when
/// it runs short, expired or blocked. Generic over the leased dimensions (requests, tokens, cost).
/// </summary>
internal sealed class LeaseHolder(string scope, string holderId, ILeaseSource source, BudgetOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _refill = new(1, 1);
    private LeaseAmounts _remaining;
    private LeaseAmounts _used;
    private string? _leaseId;
    private bool _unlimited;
    private DateTimeOffset _expiresAt = DateTimeOffset.MinValue;
    private DateTimeOffset? _blockedUntil;
    private DateTimeOffset _sourceDownUntil = DateTimeOffset.MinValue;

    public string Scope => scope;

    /// <summary>Cost left in the held slice, or null when the scope is unlimited or unknown.</summary>
    public long? RemainingCostMicros
    {
        get
        {
            lock (_gate)
            {
                return _unlimited || _leaseId is null ? null : _remaining.CostMicros;
            }
        }
    }

    public async Task<(LeaseVerdict Verdict, DateTimeOffset? RetryAt)> ReserveAsync(LeaseAmounts need, CancellationToken cancellationToken)
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
            if (now < _sourceDownUntil)
            {
                return Unreachable();
            }
            await SettleCurrentAsync(cancellationToken);
            var ask = LeaseAmounts.Max(need, new LeaseAmounts(options.SliceRequests, options.SliceTokens, options.SliceCostMicros));
            LeaseGrant grant;
            try
            {
                grant = await source.AcquireAsync(scope, new LeaseRequest
                {
                    Holder = holderId, Requests = ask.Requests, Tokens = ask.Tokens, CostMicros = ask.CostMicros,
                }, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
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

    /// <summary>Corrects a reservation with what the request really used.</summary>
    public void Settle(LeaseAmounts reserved, LeaseAmounts actual)
    {
        lock (_gate)
        {
            _remaining = _remaining + reserved - actual;
            _used += actual;
        }
    }

    /// <summary>Reports the held lease's use so the unused rest returns to the scope (shutdown, refill).</summary>
    public async Task SettleCurrentAsync(CancellationToken cancellationToken)
    {
        string? leaseId;
        LeaseAmounts used;
        lock (_gate)
        {
            leaseId = _leaseId;
            used = _used;
            _leaseId = null;
            _remaining = LeaseAmounts.Zero;
            _used = LeaseAmounts.Zero;
            _unlimited = false;
        }
        if (leaseId is null || leaseId.Length == 0)
        {
            return;
        }
        try
        {
            await source.SettleAsync(scope, new LeaseSettlement
            {
                LeaseId = leaseId, UsedRequests = used.Requests, UsedTokens = used.Tokens, UsedCostMicros = used.CostMicros,
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The grant expires on the actor's side and returns to the windows by itself.
        }
    }

    private bool TryTakeLocal(LeaseAmounts need, out (LeaseVerdict, DateTimeOffset?) result)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_blockedUntil is { } blocked && now < blocked)
            {
                result = (LeaseVerdict.Denied, blocked);
                return true;
            }
            var valid = _leaseId is not null && now < _expiresAt;
            if (valid && (_unlimited || _remaining.Covers(need)))
            {
                _remaining -= need;
                result = (LeaseVerdict.Granted, null);
                return true;
            }
        }
        result = default;
        return false;
    }

    private (LeaseVerdict, DateTimeOffset?) Apply(LeaseGrant grant, LeaseAmounts need, DateTimeOffset now)
    {
        lock (_gate)
        {
            _leaseId = grant.LeaseId;
            _unlimited = grant.Unlimited;
            _remaining = new LeaseAmounts(grant.Requests, grant.Tokens, grant.CostMicros);
            _expiresAt = grant.ExpiresAt > now ? grant.ExpiresAt : now.AddMinutes(1);
            _blockedUntil = grant.BlockedUntil > now ? grant.BlockedUntil
                : grant.Exhausted && !grant.Unlimited && !new LeaseAmounts(grant.Requests, grant.Tokens, grant.CostMicros).Covers(need)
                    ? now.AddSeconds(5) : null;
            if (_blockedUntil is { } blocked)
            {
                return (LeaseVerdict.Denied, blocked);
            }
            if (_unlimited || _remaining.Covers(need))
            {
                _remaining -= need;
                return (LeaseVerdict.Granted, null);
            }
            return (LeaseVerdict.Denied, now.AddSeconds(1));
        }
    }

    private (LeaseVerdict, DateTimeOffset?) Unreachable() =>
        options.FailOpen ? (LeaseVerdict.AllowedUnverified, null) : (LeaseVerdict.Unavailable, _sourceDownUntil);
}
