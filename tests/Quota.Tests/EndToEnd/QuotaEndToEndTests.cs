using Dapr.Actors;
using Dapr.Actors.Client;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Quota.Tests.Infrastructure;
using Dapr.Client;

namespace Dapr.AiProvider.Quota.Tests.EndToEnd;

/// <summary>Quota + local sidecar + Redis + PostgreSQL as real processes.</summary>
[Trait("Category", "Process")]
public sealed class QuotaEndToEndTests(QuotaWithSidecar env) : IClassFixture<QuotaWithSidecar>
{
    [Fact]
    public async Task PublishUsage_ThroughSidecar_RowAppearsOnceInLedger()
    {
        using var dapr = new DaprClientBuilder().UseHttpEndpoint(env.SidecarHttp).UseGrpcEndpoint(env.SidecarGrpc).Build();
        var usage = CloudEvents.Usage("e2e-" + Guid.NewGuid().ToString("N"));

        await dapr.PublishEventAsync(DaprNames.PubSub, DaprNames.Topics.Usage, usage);
        await dapr.PublishEventAsync(DaprNames.PubSub, DaprNames.Topics.Usage, usage); // a redelivery

        await WaitForRowsAsync("request_id = '" + usage.RequestId + "'", 1);
        await Task.Delay(500); // give the second delivery time to (not) add a row
        Assert.Equal(1, await CountAsync("request_id = '" + usage.RequestId + "'"));
    }

    [Fact]
    public async Task PublishUsage_PostgresDownMidStream_NoEventLost()
    {
        using var dapr = new DaprClientBuilder().UseHttpEndpoint(env.SidecarHttp).UseGrpcEndpoint(env.SidecarGrpc).Build();
        var batch = "outage-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 10; i++)
        {
            await dapr.PublishEventAsync(DaprNames.PubSub, DaprNames.Topics.Usage, CloudEvents.Usage($"{batch}-{i}"));
        }
        await WaitForRowsAsync($"request_id LIKE '{batch}-%'", 10);

        env.Postgres.Stop();
        try
        {
            for (var i = 10; i < 30; i++)
            {
                await dapr.PublishEventAsync(DaprNames.PubSub, DaprNames.Topics.Usage, CloudEvents.Usage($"{batch}-{i}"));
            }
            await Task.Delay(TimeSpan.FromSeconds(3)); // deliveries fail (RETRY) and are retried meanwhile
        }
        finally
        {
            env.Postgres.Start();
        }

        await WaitForRowsAsync($"request_id LIKE '{batch}-%'", 30);
        Assert.Contains("answering RETRY", env.QuotaOutput); // the outage was really seen by the handler
        Assert.Equal(0, await CountAsync($"request_id LIKE '{batch}-%' AND dead_letter"));
    }

    private async Task WaitForRowsAsync(string where, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        var count = 0;
        while (DateTime.UtcNow < deadline && (count = await CountAsync(where)) < expected)
        {
            await Task.Delay(200);
        }
        Assert.True(count == expected, $"expected {expected} rows where {where}, found {count}\n{env.Output}");
    }

    private Task<int> CountAsync(string where) =>
        Sql.ScalarAsync<int>(env.Database.ConnectionString, "SELECT count(*) FROM usage_metrics WHERE " + where);

    [Fact]
    public async Task QuotaActor_TwoReplicasHammeringInParallel_TotalGrantEqualsHardCap()
    {
        var options = new ActorProxyOptions { HttpEndpoint = env.SidecarHttp, UseJsonSerialization = true };
        var scope = new ActorId("key:hammer");
        await ActorProxy.Create<IQuotaActor>(scope, DaprNames.Actors.Quota, options).SetLimitsAsync(new QuotaLimits
        {
            Rules = [new QuotaRule { Metric = QuotaMetric.CostMicros, Period = QuotaPeriod.Month, Limit = 100_000 }],
        });
        var replicas = new[] { "router-a", "router-b" }
            .Select(holder => (Holder: holder, Proxy: ActorProxy.Create<IQuotaActor>(scope, DaprNames.Actors.Quota, options)));

        var grants = await Task.WhenAll(replicas.SelectMany(r => Enumerable.Range(0, 25).Select(i =>
            r.Proxy.AcquireLeaseAsync(new LeaseRequest { Holder = r.Holder, CostMicros = 3_000 + 100 * i }))));

        Assert.Equal(100_000, grants.Sum(g => g.CostMicros));
        Assert.Contains(grants, g => g.Exhausted);
    }

    [Fact]
    public async Task QuotaActor_ThroughSidecar_LimitsPersistAndGrantsAreCapped()
    {
        var actor = ActorProxy.Create<IQuotaActor>(new ActorId("provider:e2e"), DaprNames.Actors.Quota,
            new ActorProxyOptions { HttpEndpoint = env.SidecarHttp, UseJsonSerialization = true });

        await actor.SetLimitsAsync(new QuotaLimits
        {
            Rules = [new QuotaRule { Metric = QuotaMetric.Requests, Period = QuotaPeriod.Day, Limit = 10, TimeZone = "America/Los_Angeles" }],
        });
        var first = await actor.AcquireLeaseAsync(new LeaseRequest { Holder = "router-a", Requests = 7 });
        var second = await actor.AcquireLeaseAsync(new LeaseRequest { Holder = "router-b", Requests = 7 });
        var status = await actor.GetStatusAsync();

        Assert.Equal(7, first.Requests);
        Assert.Equal(3, second.Requests);
        Assert.Equal(10, Assert.Single(status.Windows).Leased);
        Assert.Equal(1, await Sql.ScalarAsync<int>(env.Database.ConnectionString,
            "SELECT count(*) FROM quotas WHERE scope = 'provider:e2e' AND limit_value = 10"));
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync($"http://127.0.0.1:{env.AppPort}/metrics");
        Assert.Contains("ai_provider_quota_usage_ratio{", metrics);
        Assert.Contains("provider=\"e2e\"", metrics);
    }
}
