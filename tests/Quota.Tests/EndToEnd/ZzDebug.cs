namespace Dapr.AiProvider.Quota.Tests.EndToEnd;
public sealed class ZzDebug(QuotaWithSidecar env) : IClassFixture<QuotaWithSidecar>
{
    [Fact]
    public async Task Dump()
    {
        var actor = Dapr.Actors.Client.ActorProxy.Create<Contracts.Quota.IQuotaActor>(new Dapr.Actors.ActorId("provider:dbg"), "QuotaActor",
            new Dapr.Actors.Client.ActorProxyOptions { HttpEndpoint = env.SidecarHttp, UseJsonSerialization = true });
        await actor.SetLimitsAsync(new Contracts.Quota.QuotaLimits { Rules = [new Contracts.Quota.QuotaRule { Metric = Contracts.Quota.QuotaMetric.Requests, Period = Contracts.Quota.QuotaPeriod.Minute, Limit = 5 }] });
        var g = await actor.AcquireLeaseAsync(new Contracts.Quota.LeaseRequest { Holder = "x", Requests = 5 });
        await actor.SettleLeaseAsync(new Contracts.Quota.LeaseSettlement { LeaseId = g.LeaseId, UsedRequests = 5 });
        await Task.Delay(65_000);
        var s = await actor.GetStatusAsync();
        Assert.Fail($"used={s.Windows[0].Used}\n" + env.Output);
    }
}
