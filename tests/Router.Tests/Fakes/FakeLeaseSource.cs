using System.Collections.Concurrent;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Budget;

namespace Dapr.AiProvider.Router.Tests.Fakes;

/// <summary>
/// Grants slices from a per-scope cost budget or request window (unlimited unless set), reporting the window's headroom
/// as <c>QuotaActor</c> does; records what was asked; can be made unreachable.
/// </summary>
internal sealed class FakeLeaseSource : ILeaseSource
{
    public ConcurrentDictionary<string, long> CostLeft { get; } = new();
    /// <summary>A request window per scope: its limit, and what is left of it (settlements do not give back).</summary>
    public ConcurrentDictionary<string, (long Limit, long Left)> RequestWindows { get; } = new();
    public ConcurrentQueue<(string Scope, LeaseRequest Request)> Asked { get; } = new();
    public ConcurrentQueue<(string Scope, LeaseSettlement Settlement)> Settlements { get; } = new();
    public ConcurrentQueue<(string Scope, QuotaLimits Stated)> Learned { get; } = new();
    public int Acquires;
    public bool Unreachable { get; set; }
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UnixEpoch.AddYears(56);
    /// <summary>When a granted request-window slice ends (its <see cref="LeaseGrant.ExpiresAt"/>).</summary>
    public DateTimeOffset WindowLeaseEnd { get; set; } = DateTimeOffset.MaxValue;

    public Task<LeaseGrant> AcquireAsync(string scope, LeaseRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Acquires);
        if (Unreachable)
        {
            throw new HttpRequestException("quota unreachable");
        }
        Asked.Enqueue((scope, request));
        if (request.Settle is { } previous)
        {
            Settlements.Enqueue((scope, previous)); // settled in the same turn, as QuotaActor does
        }
        if (RequestWindows.TryGetValue(scope, out var window))
        {
            var take = Math.Min(window.Left, request.Requests);
            RequestWindows[scope] = (window.Limit, window.Left - take);
            return Task.FromResult(take == 0 && request.Requests > 0 // as QuotaPolicy: a partial grant, or nothing left at all
                ? new LeaseGrant { ExpiresAt = Now, BlockedUntil = Now.AddMinutes(1), Exhausted = true }
                : new LeaseGrant
                {
                    LeaseId = Guid.NewGuid().ToString("N"), Requests = take, Tokens = request.Tokens, CostMicros = request.CostMicros,
                    ExpiresAt = WindowLeaseEnd, Headroom = (double)(window.Left - take) / window.Limit,
                });
        }
        if (!CostLeft.TryGetValue(scope, out var left))
        {
            return Task.FromResult(new LeaseGrant
            {
                LeaseId = Guid.NewGuid().ToString("N"), Unlimited = true, Requests = request.Requests, Tokens = request.Tokens,
                CostMicros = request.CostMicros, ExpiresAt = DateTimeOffset.MaxValue,
            });
        }
        var granted = Math.Min(left, request.CostMicros);
        CostLeft[scope] = left - granted;
        return Task.FromResult(new LeaseGrant
        {
            LeaseId = Guid.NewGuid().ToString("N"), Requests = request.Requests, Tokens = request.Tokens, CostMicros = granted,
            ExpiresAt = DateTimeOffset.MaxValue, Exhausted = granted < request.CostMicros,
        });
    }

    public Task LearnAsync(string scope, QuotaLimits stated, CancellationToken cancellationToken)
    {
        Learned.Enqueue((scope, stated));
        return Task.CompletedTask;
    }

    public Task SettleAsync(string scope, LeaseSettlement settlement, CancellationToken cancellationToken)
    {
        if (Unreachable)
        {
            throw new HttpRequestException("quota unreachable");
        }
        Settlements.Enqueue((scope, settlement));
        return Task.CompletedTask;
    }
}
