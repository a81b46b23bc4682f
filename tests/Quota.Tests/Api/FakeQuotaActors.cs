using System.Collections.Concurrent;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Quota.Actors;

namespace Dapr.AiProvider.Quota.Tests.Api;

/// <summary>Stands in for the sidecar + actor runtime: one in-memory actor per scope, or a failure.</summary>
internal sealed class FakeQuotaActors : IQuotaActorClient
{
    public ConcurrentDictionary<string, FakeQuotaActor> Actors { get; } = new();
    public bool Unreachable { get; set; }

    /// <summary>Scopes whose actor call fails (e.g. an actor id the sidecar cannot route).</summary>
    public HashSet<string> Failing { get; } = [];

    public IQuotaActor For(string scope) => Unreachable || Failing.Contains(scope)
        ? throw new HttpRequestException("sidecar unreachable")
        : Actors.GetOrAdd(scope, s => new FakeQuotaActor(s));
}

internal sealed class FakeQuotaActor(string scope) : IQuotaActor
{
    public QuotaLimits? Limits { get; private set; }
    public BenchRequest? Bench { get; private set; }

    public Task<LeaseGrant> AcquireLeaseAsync(LeaseRequest request) => Task.FromResult(new LeaseGrant());

    public Task SettleLeaseAsync(LeaseSettlement settlement) => Task.CompletedTask;

    public Task<QuotaStatus> GetStatusAsync() => Task.FromResult(new QuotaStatus
    {
        Scope = scope,
        BenchedUntil = Bench?.Until,
        BenchReason = Bench?.Reason,
        Windows = (Limits?.Rules ?? []).Select(r => new QuotaWindowStatus { Rule = r, Remaining = r.Limit }).ToList(),
    });

    public Task SetLimitsAsync(QuotaLimits limits)
    {
        Limits = limits;
        return Task.CompletedTask;
    }

    public Task LearnLimitsAsync(QuotaLimits stated) => Task.CompletedTask;

    public Task BenchAsync(BenchRequest request)
    {
        Bench = request;
        return Task.CompletedTask;
    }
}
