using System.Collections.Concurrent;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Configuration;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Budget;

/// <summary>
/// Reserves a request's estimate from the caller's key scope, its team's scope (when it has a team) and the
/// global scope before the call and settles the real use after. Leases are per replica; leftovers go back on shutdown.
/// </summary>
internal sealed partial class BudgetGuard(
    ILeaseSource source, IOptions<RouterOptions> options, TimeProvider time, ILogger<BudgetGuard> logger)
{
    private readonly string _holderId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..12]}";
    private readonly ConcurrentDictionary<string, LeaseHolder> _holders = new(StringComparer.Ordinal);

    public async Task<(BudgetTicket Ticket, GatewayError? Error)> ReserveAsync(
        string keyId, string? team, LeaseAmounts need, CancellationToken cancellationToken)
    {
        if (!options.Value.Budget.Enabled)
        {
            return (BudgetTicket.None, null);
        }
        var reserved = new List<ScopeReservation>(3);
        var unverified = false;
        string[] scopes = string.IsNullOrEmpty(team)
            ? [QuotaScopes.Caller(keyId), QuotaScopes.Global]
            : [QuotaScopes.Caller(keyId), QuotaScopes.Team(team), QuotaScopes.Global];
        foreach (var scope in scopes)
        {
            var holder = Holder(scope);
            var (verdict, retryAt, lease, _) = await holder.ReserveAsync(need, cancellationToken);
            switch (verdict)
            {
                case LeaseVerdict.Granted:
                    reserved.Add(new ScopeReservation(scope, need, lease));
                    break;
                case LeaseVerdict.AllowedUnverified when holder.HardLimited:
                    // A hard budget this replica was granted from stays hard while quota cannot be asked, whatever FailOpen
                    // says: its slice is spent, and more would pass the cap unseen by the actor (other replicas hold the
                    // rest). Fail-open still lets through scopes without a hard rule, or never granted here.
                    Release(reserved);
                    return (BudgetTicket.None, new GatewayError(503, "quota_service_unavailable",
                        $"The hard budget of scope '{scope}' cannot be checked right now; this replica's share of it is spent.")
                        { RetryAt = time.GetUtcNow().AddSeconds(options.Value.Budget.RetryAfterFailureSeconds) });
                case LeaseVerdict.AllowedUnverified:
                    unverified = true;
                    Log.FailOpen(logger, scope);
                    break;
                default:
                    Release(reserved);
                    return (BudgetTicket.None, verdict == LeaseVerdict.Denied
                        ? new GatewayError(429, "budget_exceeded", $"The budget or quota of scope '{scope}' is exhausted.")
                            { RetryAt = retryAt ?? time.GetUtcNow().AddSeconds(60) }
                        : new GatewayError(503, "quota_service_unavailable", "Budgets cannot be checked right now and the gateway is configured to fail closed.")
                            { RetryAt = retryAt });
            }
        }
        return (new BudgetTicket(reserved, unverified), null);
    }

    public void Settle(BudgetTicket ticket, LeaseAmounts actual)
    {
        var charged = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (scope, reserved, lease) in ticket.Reservations)
        {
            // A scope's first reservation carries the real use; a later top-up of it (before a dearer failover) is only returned.
            Holder(scope).Settle(reserved, charged.Add(scope) ? actual : LeaseAmounts.Zero, lease);
        }
    }

    /// <summary>Remaining cost of the key's slice in micro-dollars (null = unlimited or unknown).</summary>
    public long? RemainingCostMicros(string keyId) =>
        _holders.TryGetValue(QuotaScopes.Caller(keyId), out var holder) ? holder.RemainingCostMicros : null;

    /// <summary>Returns every held slice's unused rest to its scope.</summary>
    public async Task ReturnAllAsync(CancellationToken cancellationToken)
    {
        foreach (var holder in _holders.Values)
        {
            await holder.SettleCurrentAsync(cancellationToken);
        }
    }

    private void Release(List<ScopeReservation> reserved)
    {
        foreach (var (scope, amounts, lease) in reserved)
        {
            Holder(scope).Settle(amounts, LeaseAmounts.Zero, lease);
        }
    }

    /// <remarks>Looked up first: the factory closes over this instance, so calling GetOrAdd alone allocates a delegate per request.</remarks>
    private LeaseHolder Holder(string scope) =>
        _holders.TryGetValue(scope, out var held) ? held : _holders.GetOrAdd(scope, s => new LeaseHolder(s, _holderId, source, options.Value.Budget, time));

    private static partial class Log
    {
        [LoggerMessage(1501, LogLevel.Warning, "Quota service unreachable for {Scope}; allowing the request (fail-open)")]
        public static partial void FailOpen(ILogger logger, string scope);
    }
}
