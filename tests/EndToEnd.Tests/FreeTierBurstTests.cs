using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace Dapr.AiProvider.EndToEnd.Tests;

/// <summary>
/// Know before calling, against the whole stack: with the simulator enforcing the published free tiers, a burst larger
/// than the free windows together is answered in full without one upstream 429 — free tiers first, then a paid model,
/// within the key's budget.
/// </summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", "Process")]
public sealed class FreeTierBurstTests(GatewayStack stack, ITestOutputHelper output)
{
    // Gemini 2.5 Flash (5 a minute) and OpenRouter's :free models (20 a minute for the account): 25 free a minute.
    private static readonly string[] Allowed = ["gemini/gemini-2.5-flash", "openrouter/*", "openai/gpt-4o-mini"];
    private const int FreePerMinute = 25;
    private const int Burst = 40;
    // The key's hard budget for the month: room for the paid part of the burst, checked on every answer.
    private const long BudgetMicros = 1_000_000;

    [Fact]
    public async Task Burst_LargerThanEveryFreeWindow_AllAnsweredNoUpstream429FreeFirst()
    {
        using var agent = await AgentAsync();
        using var sim = new HttpClient { BaseAddress = stack.SimulatorUrl };
        // No waiting for the start of a minute: a lease reserved near a minute's end counts in the next minute too
        // (QuotaPolicyOptions.BoundaryGuard; pinned with a fake clock in FreeWindowPolicyTests), so a burst may straddle it.
        // One paid call first (JIT, connections, the key's budget lease), so the printed time is the burst's own.
        using (var warm = await agent.PostAsJsonAsync("/v1/chat/completions", new
        {
            model = "openai/gpt-4o-mini", messages = new[] { new { role = "user", content = $"warm {Guid.NewGuid()}" } },
        }))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }
        var refusedBefore = await RateLimitedAsync(sim);
        using (var on = await sim.PutAsync("/_sim/limits", Json("""{"enforce":true}""")))
        {
            Assert.Equal(HttpStatusCode.NoContent, on.StatusCode);
        }
        var served = new List<(HttpStatusCode Status, string Provider, decimal CostUsd, string BudgetLeft)>();
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            using var gate = new SemaphoreSlim(8);
            var calls = Enumerable.Range(0, Burst).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    using var response = await agent.PostAsJsonAsync("/v1/chat/completions", new
                    {
                        model = "auto",
                        messages = new[] { new { role = "user", content = $"burst {i} {Guid.NewGuid()}" } },
                    });
                    return (response.StatusCode, Header(response, "x-aiprovider-provider"),
                        decimal.Parse(Header(response, "x-aiprovider-cost-usd"), System.Globalization.CultureInfo.InvariantCulture),
                        Header(response, "x-aiprovider-budget-remaining"));
                }
                finally
                {
                    gate.Release();
                }
            });
            served.AddRange(await Task.WhenAll(calls));
        }
        finally
        {
            using var off = await sim.PutAsync("/_sim/limits", Json("""{"enforce":false}"""));
        }

        output.WriteLine($"{Burst} requests in {started.ElapsedMilliseconds} ms: " +
            string.Join(", ", served.GroupBy(s => s.Provider).Select(g => $"{g.Key} {g.Count()}")));
        var paidOnly = System.Diagnostics.Stopwatch.StartNew(); // the same load on the paid model alone, for comparison
        await Task.WhenAll(Enumerable.Range(0, Burst).Chunk(8).Select(async chunk =>
        {
            foreach (var i in chunk)
            {
                using var response = await agent.PostAsJsonAsync("/v1/chat/completions", new
                {
                    model = "openai/gpt-4o-mini", messages = new[] { new { role = "user", content = $"paid {i} {Guid.NewGuid()}" } },
                });
            }
        }));
        output.WriteLine($"{Burst} requests to the paid model alone in {paidOnly.ElapsedMilliseconds} ms");
        Assert.All(served, s => Assert.Equal(HttpStatusCode.OK, s.Status));
        Assert.Equal(refusedBefore, await RateLimitedAsync(sim)); // the simulator refused none of them
        var free = served.Count(s => s.Provider is "gemini" or "openrouter");
        Assert.True(served.Select(s => s.Provider).Distinct().Count() >= 2, string.Join(",", served.Select(s => s.Provider)));
        // Paid calls only once the free windows were spent: at least 80 % of the free minute was used.
        Assert.True(free >= FreePerMinute * 8 / 10, $"{free} free of {Burst}: {string.Join(",", served.Select(s => s.Provider))}");
        Assert.Contains(served, s => s.Provider == "openai");
        // Budgets held throughout: checked on every answer (never fail-open), the paid answers priced, their sum within it.
        Assert.All(served, s => Assert.True(decimal.TryParse(s.BudgetLeft, System.Globalization.CultureInfo.InvariantCulture, out var left) && left >= 0, s.BudgetLeft));
        Assert.All(served.Where(s => s.Provider == "openai"), s => Assert.True(s.CostUsd > 0));
        Assert.All(served.Where(s => s.Provider != "openai"), s => Assert.Equal(0m, s.CostUsd));
        Assert.True(served.Sum(s => s.CostUsd) * 1_000_000m <= BudgetMicros);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.First() : "";

    private async Task<HttpClient> AgentAsync()
    {
        using var created = await stack.Client.PostAsJsonAsync("/admin/keys", new { name = "burst-e2e", role = "service", allowedModels = Allowed });
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.IsSuccessStatusCode, body);
        using var json = JsonDocument.Parse(body);
        var keyId = json.RootElement.GetProperty("info").GetProperty("id").GetString();
        using (var budget = await stack.Client.PutAsJsonAsync($"/admin/quotas/key:{keyId}",
            new { rules = new[] { new { metric = "cost", period = "month", limit = BudgetMicros, hard = true } } }))
        {
            Assert.True(budget.IsSuccessStatusCode, await budget.Content.ReadAsStringAsync());
        }
        var agent = new HttpClient { BaseAddress = stack.RouterUrl, Timeout = TimeSpan.FromSeconds(60) };
        agent.DefaultRequestHeaders.Authorization = new("Bearer", json.RootElement.GetProperty("key").GetString());
        return agent;
    }

    private static async Task<int> RateLimitedAsync(HttpClient sim)
    {
        using var counts = JsonDocument.Parse(await sim.GetStringAsync("/_sim/requests"));
        return counts.RootElement.GetProperty("rateLimited").GetProperty("total").GetInt32();
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
