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
    private readonly ConcurrentDictionary<string, QuotaLimits> _told = new(StringComparer.Ordinal);

    public async Task<WindowPass> ReserveAsync(CatalogModel model, LeaseAmounts need, CancellationToken cancellationToken)
    {
        if (!options.Value.Budget.Enabled)
        {
            return WindowPass.Open;
        }
        var scopes = ProviderScopes.Of(model);
        var reserved = new List<ScopeReservation>(scopes.Count);
        DateTimeOffset? sendBy = null;
        foreach (var scope in scopes)
        {
            var holder = Holder(scope.Scope);
            holder.Follow(scope.Defaults);
            var take = await holder.ReserveAsync(need, cancellationToken, scope.Defaults, scope.Exact ? Slice(scope, holder, need) : null);
            switch (take.Verdict)
            {
                case LeaseVerdict.Granted:
                    reserved.Add(new ScopeReservation(scope.Scope, need, take.Lease));
                    sendBy = take.SendBy is { } end && (sendBy is null || end < sendBy) ? end : sendBy;
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
        return new WindowPass(reserved) { SendBy = sendBy };
    }

    /// <summary>
    /// Half of what the scope's tightest request window has left, as last granted (at least one request): one replica
    /// empties a window of n requests in about log2(n) lease calls, and a second replica asking meanwhile still finds part
    /// of it. The actor never grants more than is left, so the sum of the slices never exceeds the window. A dimension
    /// the windows do not limit (tokens of a requests-only tier) is asked without measure, so a request using more
    /// tokens than estimated does not end the slice early; were it limited after all (an operator's limit), the actor
    /// grants only what is left of it. A scope limited only by credits (a monthly dollar window) is sliced by what is left
    /// of the credits instead.
    /// </summary>
    private static LeaseAmounts Slice(ProviderScope scope, LeaseHolder holder, LeaseAmounts need)
    {
        var share = holder.Headroom ?? 1d;
        if (scope.RequestLimit is null && scope.CostLimit is { } credit)
        {
            // Credits only (Hugging Face's monthly dollars): half of what is left of them, requests and tokens unmeasured.
            return new LeaseAmounts(Unmeasured, Unmeasured, Math.Max(need.CostMicros, (long)Math.Ceiling(credit * share / 2)));
        }
        var left = scope.RequestLimit is { } limit ? (long)Math.Ceiling(limit * share) : 1;
        var per = Math.Max(1, (left + 1) / 2);
        return new LeaseAmounts(need.Requests * per,
            scope.Limits(QuotaMetric.Tokens) ? need.Tokens * per : Unmeasured,
            scope.Limits(QuotaMetric.CostMicros) ? need.CostMicros * per : Unmeasured);
    }

    /// <summary>As much as a lease can hold of a dimension nothing limits, with room for sums.</summary>
    private const long Unmeasured = long.MaxValue / 1024;

    public void Settle(WindowPass pass, LeaseAmounts actual)
    {
        foreach (var (scope, reserved, lease) in pass.Reservations)
        {
            Holder(scope).Settle(reserved, actual, lease);
        }
    }

    /// <summary>
    /// A limit the provider stated (its rate-limit headers, Gemini's <c>quotaValue</c>) replaces the catalog's figure of
    /// the same window of the model's free tier, kept by the scope's actor for every replica and across restarts
    /// (<see cref="IQuotaActor.LearnLimitsAsync"/>); told once per change. Only free-tier windows learn: a paid model's
    /// stated limits would make every paid request a lease call.
    /// </summary>
    /// <returns>Completes when the actors were told (callers on the request path do not wait for it).</returns>
    public Task LearnAsync(CatalogModel model, IReadOnlyList<LearnedLimit>? limits)
    {
        if (limits is not { Count: > 0 })
        {
            return Task.CompletedTask;
        }
        List<Task>? telling = null;
        foreach (var scope in ProviderScopes.Of(model))
        {
            if (scope is { FreeWindows: true, Defaults: { } published }
                && ProviderScopes.Stated(limits, published.Rules.Count > 0 ? published.Rules[0].TimeZone : "UTC") is { Rules.Count: > 0 } stated
                && (!_told.TryGetValue(scope.Scope, out var told) || !told.Rules.SequenceEqual(stated.Rules)))
            {
                _told[scope.Scope] = stated;
                (telling ??= []).Add(TellAsync(scope.Scope, stated));
            }
        }
        return telling is null ? Task.CompletedTask : Task.WhenAll(telling);
    }

    private async Task TellAsync(string scope, QuotaLimits stated)
    {
        try
        {
            await source.LearnAsync(scope, stated, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _told.TryRemove(scope, out _); // told again with the next signal
        }
    }

    /// <summary>
    /// The share left of the model's tightest window: what the scope had left at the last grant plus what this replica
    /// still holds of it (1 when never asked or unlimited).
    /// </summary>
    public double Headroom(CatalogModel model)
    {
        var headroom = 1d;
        foreach (var scope in ProviderScopes.Of(model))
        {
            if (_holders.TryGetValue(scope.Scope, out var holder) && holder.Headroom is { } share)
            {
                var held = scope.RequestLimit is long limit && limit > 0 ? (double)holder.RemainingRequests / limit : 0;
                headroom = Math.Min(headroom, Math.Min(1d, share + held));
            }
        }
        return headroom;
    }

    /// <summary>Why and until when the model's scopes refuse this replica (known without asking), or null.</summary>
    public (string Reason, DateTimeOffset Until)? Blocked(CatalogModel model, DateTimeOffset now)
    {
        foreach (var scope in ProviderScopes.Of(model))
        {
            if (_holders.TryGetValue(scope.Scope, out var holder) && Followed(holder, scope).BlockedUntil(now) is { } until)
            {
                return (scope.FreeWindows ? FreeWindowExhausted : ProviderLimitReached, until);
            }
        }
        return null;
    }

    private static LeaseHolder Followed(LeaseHolder holder, ProviderScope scope)
    {
        holder.Follow(scope.Defaults);
        return holder;
    }

    /// <summary>Returns every held slice's unused rest to its scope.</summary>
    public async Task ReturnAllAsync(CancellationToken cancellationToken)
    {
        foreach (var holder in _holders.Values)
        {
            await holder.SettleCurrentAsync(cancellationToken);
        }
    }

    /// <remarks>Looked up first: the factory closes over this instance, so calling GetOrAdd alone allocates a delegate per request.</remarks>
    private LeaseHolder Holder(string scope) =>
        _holders.TryGetValue(scope, out var held) ? held : _holders.GetOrAdd(scope, s => new LeaseHolder(s, _holderId, source, options.Value.Budget, time));
}

/// <summary>What one attempt reserved on its provider's scopes; <see cref="Refusal"/> set when a scope refused it.</summary>
internal sealed record WindowPass(IReadOnlyList<ScopeReservation> Reservations)
{
    public static readonly WindowPass Open = new([]);

    /// <summary><c>free_window_exhausted</c>, <c>provider_limit_reached</c> or <c>quota_service_unavailable</c>; null when granted.</summary>
    public string? Refusal { get; init; }
    public DateTimeOffset? RetryAt { get; init; }

    /// <summary>
    /// The earliest end of the leases this attempt was granted from (null: no limited window): sent later, the request
    /// could reach the provider in a window its leases were not counted in (<see cref="AdapterChatRequest.SendBy"/>).
    /// </summary>
    public DateTimeOffset? SendBy { get; init; }
}
