using System.Collections.Concurrent;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Budget;

namespace Dapr.AiProvider.Router.Tests.Fakes;

/// <summary>Grants slices from a per-scope cost budget (unlimited unless set); can be made unreachable.</summary>
public sealed class FakeLeaseSource : ILeaseSource
{
    public ConcurrentDictionary<string, long> CostLeft { get; } = new();
    public ConcurrentQueue<(string Scope, LeaseSettlement Settlement)> Settlements { get; } = new();
    public int Acquires;
    public bool Unreachable { get; set; }
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UnixEpoch.AddYears(56);

    public Task<LeaseGrant> AcquireAsync(string scope, LeaseRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Acquires);
        if (Unreachable)
        {
            throw new HttpRequestException("quota unreachable");
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

    public Task SettleAsync(string scope, LeaseSettlement settlement, CancellationToken cancellationToken)
    {
        Settlements.Enqueue((scope, settlement));
        return Task.CompletedTask;
    }
}
