using System.Collections.Concurrent;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Configuration;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Budget;

/// <summary>
/// Reserves an attempt on its provider's scopes (<see cref="ProviderScopes"/>) before it is sent: free-tier windows
/// (requests and tokens per minute and per day, monthly credits) and operator limits on <c>provider:</c> scopes, leased
/// from the scopes' <c>QuotaActor</c>s so that all replicas together never exceed a window. Settled with the real use.
/// </summary>
internal sealed class ProviderWindowGuard(ILeaseSource source, IOptions<RouterOptions> options, TimeProvider time)
{
    public const string FreeWindowExhausted = "free_window_exhausted";
    public const string ProviderLimitReached = "provider_limit_reached";
    public const string QuotaUnavailable = "quota_service_unavailable";

    private readonly string _holderId = $"{Environment.MachineName}-{Environment.ProcessId}-w{Guid.NewGuid().ToString("N")[..11]}";
    private readonly ConcurrentDictionary<string, LeaseHolder> _holders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, QuotaLimits> _learned = new(StringComparer.Ordinal);

    public async Task<WindowPass> ReserveAsync(CatalogModel model, LeaseAmounts need, CancellationToken cancellationToken)
    {
        if (!options.Value.Budget.Enabled)
        {
            return WindowPass.Open;
        }
        var scopes = ProviderScopes.Of(model);
        var reserved = new List<ScopeReservation>(scopes.Count);
        foreach (var scope in scopes)
        {
            var defaults = _learned.TryGetValue(scope.Scope, out var learned) ? learned : scope.Defaults;
            var take = await Holder(scope.Scope).ReserveAsync(need, cancellationToken, defaults, scope.Exact ? Slice(defaults!, need) : null);
            switch (take.Verdict)
            {
                case LeaseVerdict.Granted:
                    reserved.Add(new ScopeReservation(scope.Scope, need, take.Lease));
                    break;
                case LeaseVerdict.AllowedUnverified:
                    break; // fail-open, as for budgets (BudgetGuard logs it)
                default:
                    Settle(new WindowPass(reserved), LeaseAmounts.Zero);
                    var reason = take.Verdict == LeaseVerdict.Unavailable ? QuotaUnavailable
                        : scope.FreeWindows ? FreeWindowExhausted : ProviderLimitReached;
                    return new WindowPass([]) { Refusal = reason, RetryAt = take.RetryAt };
            }
        }
        return new WindowPass(reserved);
    }

    /// <summary>
    /// A tenth of the scope's tightest request window at a time (at least one request): a 5-a-minute free tier is leased
    /// a request at a time, a 300-a-minute one 30 at a time, so replicas share small windows evenly without a lease
    /// call per request on large ones.
    /// </summary>
    private static LeaseAmounts Slice(QuotaLimits windows, LeaseAmounts need)
    {
        var requests = long.MaxValue;
        foreach (var rule in windows.Rules)
        {
            if (rule is { Hard: true, Metric: QuotaMetric.Requests })
            {
                requests = Math.Min(requests, rule.Limit);
            }
        }
        var per = requests == long.MaxValue ? 1 : Math.Max(1, requests / 10);
        return new LeaseAmounts(need.Requests * per, need.Tokens * per, need.CostMicros * per);
    }

    public void Settle(WindowPass pass, LeaseAmounts actual)
    {
        foreach (var (scope, reserved, lease) in pass.Reservations)
        {
            Holder(scope).Settle(reserved, actual, lease);
        }
    }

    /// <summary>
    /// A limit the provider stated (its rate-limit headers, Gemini's <c>quotaValue</c>) replaces the catalog's figure of
    /// the same window of the model's free tier from now on, so the windows follow what the account really has. Only
    /// free-tier windows learn: a paid model's stated limits would make every paid request a lease call.
    /// </summary>
    public void Learn(CatalogModel model, IReadOnlyList<LearnedLimit>? limits)
    {
        if (limits is not { Count: > 0 })
        {
            return;
        }
        foreach (var scope in ProviderScopes.Of(model))
        {
            if (scope is { FreeWindows: true, Defaults: { } published })
            {
                var known = _learned.TryGetValue(scope.Scope, out var kept) ? kept : published;
                var zone = published.Rules.Count > 0 ? published.Rules[0].TimeZone : "UTC";
                _learned[scope.Scope] = ProviderScopes.WithLearned(known, limits, zone);
            }
        }
    }

    /// <summary>The share left of the model's tightest window as last granted (1 when never asked or unlimited).</summary>
    public double Headroom(CatalogModel model)
    {
        var headroom = 1d;
        foreach (var scope in ProviderScopes.Of(model))
        {
            if (_holders.TryGetValue(scope.Scope, out var holder) && holder.Headroom is { } share)
            {
                headroom = Math.Min(headroom, share);
            }
        }
        return headroom;
    }

    /// <summary>Why and until when the model's scopes refuse this replica (known without asking), or null.</summary>
    public (string Reason, DateTimeOffset Until)? Blocked(CatalogModel model, DateTimeOffset now)
    {
        foreach (var scope in ProviderScopes.Of(model))
        {
            if (_holders.TryGetValue(scope.Scope, out var holder) && holder.BlockedUntil(now) is { } until)
            {
                return (scope.FreeWindows ? FreeWindowExhausted : ProviderLimitReached, until);
            }
        }
        return null;
    }

    /// <summary>Returns every held slice's unused rest to its scope.</summary>
    public async Task ReturnAllAsync(CancellationToken cancellationToken)
    {
        foreach (var holder in _holders.Values)
        {
            await holder.SettleCurrentAsync(cancellationToken);
        }
    }

    private LeaseHolder Holder(string scope) =>
        _holders.GetOrAdd(scope, s => new LeaseHolder(s, _holderId, source, options.Value.Budget, time));
}

/// <summary>What one attempt reserved on its provider's scopes; <see cref="Refusal"/> set when a scope refused it.</summary>
internal sealed record WindowPass(IReadOnlyList<ScopeReservation> Reservations)
{
    public static readonly WindowPass Open = new([]);

    /// <summary><c>free_window_exhausted</c>, <c>provider_limit_reached</c> or <c>quota_service_unavailable</c>; null when granted.</summary>
    public string? Refusal { get; init; }
    public DateTimeOffset? RetryAt { get; init; }
}
