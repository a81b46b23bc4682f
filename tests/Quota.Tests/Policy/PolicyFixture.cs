using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Quota.Policy;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dapr.AiProvider.Quota.Tests.Policy;

internal static class PolicyFixture
{
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);

    public static (QuotaPolicy Policy, FakeTimeProvider Time) Create(DateTimeOffset start, int maxLeases = 1_000)
    {
        var time = new FakeTimeProvider(start);
        var options = Options.Create(new QuotaPolicyOptions { LeaseDuration = LeaseDuration, MaxOutstandingLeases = maxLeases });
        return (new QuotaPolicy(time, options), time);
    }

    public static QuotaLimits Limits(params QuotaRule[] rules) => new() { Rules = rules };

    public static QuotaRule Rule(QuotaMetric metric, QuotaPeriod period, long limit, bool hard = true, string zone = "UTC") =>
        new() { Metric = metric, Period = period, Limit = limit, Hard = hard, TimeZone = zone };

    public static LeaseRequest Ask(long requests = 0, long tokens = 0, long cost = 0, string holder = "router-1") =>
        new() { Holder = holder, Requests = requests, Tokens = tokens, CostMicros = cost };

    public static LeaseSettlement Used(string leaseId, long requests = 0, long tokens = 0, long cost = 0) =>
        new() { LeaseId = leaseId, UsedRequests = requests, UsedTokens = tokens, UsedCostMicros = cost };
}
