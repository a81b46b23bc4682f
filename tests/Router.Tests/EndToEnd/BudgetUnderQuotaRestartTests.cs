using System.Net;
using System.Text;
using System.Text.Json;
using Dapr.Actors.Client;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Api;
using Dapr.AiProvider.Router.Budget;
using Dapr.AiProvider.Router.Tests.Api;
using Dapr.AiProvider.Router.Usage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Dapr.AiProvider.Router.Tests.EndToEnd;

/// <summary>
/// Issue 19 item 4: two router replicas spend one hard key budget through the real quota (its actors behind the local
/// sidecar, usage through pub/sub to its PostgreSQL ledger) while quota is SIGKILLed and started again in the middle of
/// parallel calls. The budget holds in the ledger and in the actor; while quota is away each replica spends only the
/// slice it holds, and past it answers as configured — fail-closed, and fail-open too, since a hard budget a replica
/// was granted from stays hard (<c>BudgetGuard</c>; docs/accounting.md, "Budgets while quota restarts").
/// </summary>
[Trait("Category", "Process")]
public sealed class BudgetUnderQuotaRestartTests(QuotaActorsStack stack) : IClassFixture<QuotaActorsStack>
{
    /// <summary>Micro-dollars this test may spend on the bootstrap key (its actor keeps what earlier tests used).</summary>
    private const long Budget = 600;

    private sealed record Answer(string Phase, HttpStatusCode Status, string RequestId, string? Remaining, string? Code);

    private (RouterFactory Factory, WebApplicationFactory<Program> App) Replica(bool failOpen)
    {
        var factory = new RouterFactory();
        factory.Settings["DAPR_HTTP_ENDPOINT"] = stack.SidecarHttp;
        factory.Settings["DAPR_GRPC_ENDPOINT"] = $"http://127.0.0.1:{stack.SidecarGrpcPort}";
        factory.Settings["Router:Budget:FailOpen"] = failOpen ? "true" : "false";
        // Slices of about two requests (each reserves ~60 µ$ and spends 42), so the outage needs refills it cannot get.
        factory.Settings["Router:Budget:SliceCostMicros"] = "120";
        factory.Settings["Router:Budget:CallTimeoutSeconds"] = "2";
        factory.Settings["Router:Budget:RetryAfterFailureSeconds"] = RetryAfterFailureSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.RemoveAll<ILeaseSource>();
            s.AddSingleton<ILeaseSource, ActorLeaseSource>(); // the real leases from QuotaActor, as in production
            s.RemoveAll<IUsagePublisher>();
            s.AddSingleton<IUsagePublisher>(sp => sp.GetRequiredService<DaprUsagePublisher>()); // usage to quota's ledger through pub/sub
        }));
        return (factory, app);
    }

    private const int RetryAfterFailureSeconds = 1;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TwoReplicas_QuotaKilledAndRestartedMidway_HardKeyBudgetHolds_PolicyAsConfigured(bool failOpen)
    {
        var limit = await SetBudgetAsync();
        var (factoryA, a) = Replica(failOpen);
        var (factoryB, b) = Replica(failOpen);
        using var ownsA = factoryA;
        using var ownsB = factoryB;
        using var clientA = Client(a);
        using var clientB = Client(b);
        HttpClient[] replicas = [clientA, clientB];

        var warm = await CallAsync(replicas, "warm", 2); // each replica holds a slice of the key
        stack.KillQuota();
        var down = await CallAsync(replicas, "down", 12);
        await stack.StartQuotaAsync();
        // After a failed lease call a replica asks quota again only once RetryAfterFailureSeconds have passed; on a fast
        // host quota is back within that second and every "back" request would still be refused with 503.
        await Task.Delay(TimeSpan.FromSeconds(RetryAfterFailureSeconds + 0.5));
        var back = await CallAsync(replicas, "back", 30); // far more than the budget: it runs out
        var answers = warm.Concat(down).Concat(back).ToList();

        Assert.All(warm, w => Assert.Equal(HttpStatusCode.OK, w.Status));
        // Quota away: a request is served from the slice its replica holds (its remaining budget stated), or refused with
        // 503 quota_service_unavailable — never let through unverified, fail-open or not: the key's budget is hard.
        Assert.All(down, d => Assert.True(
            (d.Status == HttpStatusCode.OK && decimal.TryParse(d.Remaining, System.Globalization.CultureInfo.InvariantCulture, out _))
            || (d.Status == HttpStatusCode.ServiceUnavailable && d.Code == "quota_service_unavailable"),
            $"{(int)d.Status} {d.Code} budget-remaining: {d.Remaining}"));
        Assert.Contains(down, d => d.Status == HttpStatusCode.ServiceUnavailable);
        Assert.Contains(back, x => x.Status == HttpStatusCode.OK);
        Assert.Contains(back, x => x.Status == HttpStatusCode.TooManyRequests && x.Code == "budget_exceeded");
        Assert.All(answers, x => Assert.NotEqual("unverified", x.Remaining));

        // The budget holds in the ledger (one row per request, by request id) and in the actor.
        var rows = await LedgerRowsAsync(answers.Select(x => x.RequestId).ToHashSet(StringComparer.Ordinal));
        Assert.Equal(answers.Count, rows.Count);
        Assert.All(answers, x => Assert.Equal((int)x.Status, rows[x.RequestId].Status));
        var spent = rows.Values.Sum(r => r.CostMicros);
        Assert.Equal(42 * answers.Count(x => x.Status == HttpStatusCode.OK), spent); // FakeBackend's answer: 42 µ$
        Assert.True(spent <= Budget, $"the ledger spent {spent} µ$ of {Budget}");
        var window = Assert.Single((await KeyActor().GetStatusAsync()).Windows, w => w.Rule.Metric == QuotaMetric.CostMicros);
        Assert.True(window.Used + window.Leased <= limit, $"actor used {window.Used} + leased {window.Leased} of {limit}");
    }

    private static HttpClient Client(WebApplicationFactory<Program> app)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", RouterFactory.Key);
        return client;
    }

    private static async Task<List<Answer>> CallAsync(HttpClient[] replicas, string phase, int count) =>
        [.. await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            // openai/gpt-4o ($2.50 / $10 per million in the test catalog), 4 output tokens: an estimate of ~60 µ$.
            using var response = await replicas[i % 2].PostAsync("/v1/chat/completions", new StringContent(
                """{"model":"openai/gpt-4o","max_tokens":4,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"));
            var body = await response.Content.ReadAsStringAsync();
            string? code = null;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                using var error = JsonDocument.Parse(body);
                code = error.RootElement.GetProperty("error").GetProperty("code").GetString();
            }
            return new Answer(phase, response.StatusCode, response.Headers.GetValues(DecisionHeaders.RequestId).Single(),
                response.Headers.TryGetValues("x-aiprovider-budget-remaining", out var left) ? left.Single() : null, code);
        }))];

    private IQuotaActor KeyActor() => ActorProxy.Create<IQuotaActor>(QuotaActorIds.For(QuotaScopes.Caller("bootstrap")), DaprNames.Actors.Quota,
        new ActorProxyOptions { HttpEndpoint = stack.SidecarHttp, UseJsonSerialization = true });

    /// <summary>A hard monthly cost limit of what the key used so far plus <see cref="Budget"/>; returns the limit.</summary>
    private async Task<long> SetBudgetAsync()
    {
        var before = (await KeyActor().GetStatusAsync()).Windows.Where(w => w.Rule.Metric == QuotaMetric.CostMicros).Sum(w => w.Used + w.Leased);
        var limit = before + Budget;
        await KeyActor().SetLimitsAsync(new QuotaLimits
        {
            Rules = [new QuotaRule { Metric = QuotaMetric.CostMicros, Period = QuotaPeriod.Month, Limit = limit, Hard = true }],
        });
        return limit;
    }

    private sealed record Row(int Status, long CostMicros);

    /// <summary>The ledger rows of these requests once all arrived (usage flows through pub/sub, redelivered after quota's restart), or after 60 s.</summary>
    private async Task<Dictionary<string, Row>> LedgerRowsAsync(IReadOnlySet<string> requestIds)
    {
        await using var dataSource = NpgsqlDataSource.Create(stack.LedgerConnectionString);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
            await using (var command = dataSource.CreateCommand("SELECT request_id, status, cost_micros FROM usage_metrics WHERE request_id = ANY($1)"))
            {
                command.Parameters.AddWithValue(requestIds.ToArray());
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    rows[reader.GetString(0)] = new Row(reader.GetInt32(1), reader.GetInt64(2));
                }
            }
            if (rows.Count >= requestIds.Count || DateTime.UtcNow > deadline)
            {
                return rows;
            }
            await Task.Delay(250);
        }
    }
}
