using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Xunit.Abstractions;

namespace Dapr.AiProvider.EndToEnd.Tests;

/// <summary>
/// Issue 19 item 6, the combined case: 40 parallel requests of one key against a small hard budget, where the free
/// candidate fails (a scripted simulator fault) so every answer comes from a paid model, and a third of the callers hang
/// up mid-stream. The budget holds — in the ledger and in the quota actor — and the ledger charges exactly what the
/// simulator says it produced (tokens, and cost at the catalog price), for streams cut by the caller too: the router
/// reads their upstream on to the provider's usage report (docs/accounting.md).
/// </summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", "Process")]
public sealed class BudgetUnderFailoverAndHangUpsTests(GatewayStack stack, ITestOutputHelper output)
{
    private const int Requests = 40;
    /// <summary>
    /// Micro-dollars a month. A request reserves its estimate at the paid price before failing over (~23 µ$ for 40 output
    /// tokens) and spends ~13 µ$, so 40 at once need more than this and some are refused.
    /// </summary>
    private const long BudgetMicros = 400;
    // Free first: cerebras (free tier) before the paid model; providers.json, prices.json.
    private const string FreeModel = "cerebras/gpt-oss-120b";
    private const string PaidProvider = "openai";
    private const string PaidModel = "gpt-6-luna";
    // https://developers.openai.com/api/docs/pricing as in services/provider-adapters/prices.json (checked 2026-12-06):
    // $0.10 input, $0.50 output per million tokens = micro-dollars per token.
    private const double InputMicrosPerToken = 0.10;
    private const double OutputMicrosPerToken = 0.50;

    private enum Caller { Whole, StreamToTheEnd, HangsUp }


    private sealed record Outcome(Caller Kind, string Tag, HttpStatusCode Status, string? RequestId, string? Code, string? Message);

    [Fact]
    public async Task ParallelCalls_FailoverToPaid_AndHangUps_NeverPassAHardBudget_AndTheLedgerChargesWhatWasProduced()
    {
        var (key, keyId) = await CreateKeyAsync();
        await SetBudgetAsync(keyId);
        using var sim = new HttpClient { BaseAddress = stack.SimulatorUrl };
        (await sim.DeleteAsync("/_sim/requests")).Dispose();
        using (var fault = await sim.PostAsJsonAsync("/_sim/faults", new { provider = "cerebras", fault = "server_error", count = 1_000 }))
        {
            Assert.Equal(HttpStatusCode.Created, fault.StatusCode);
        }

        Outcome[] outcomes;
        JsonElement counts;
        try
        {
            using var client = new HttpClient { BaseAddress = stack.RouterUrl, Timeout = TimeSpan.FromSeconds(90) };
            client.DefaultRequestHeaders.Authorization = new("Bearer", key);
            var run = Guid.NewGuid().ToString("N")[..8];
            outcomes = await Task.WhenAll(Enumerable.Range(0, Requests).Select(i => CallAsync(client, i, $"{run}-{i}", (Caller)(i % 3))));
            counts = await SimulatorCountsAsync(sim, outcomes.Count(o => o.Status == HttpStatusCode.OK));
        }
        finally
        {
            (await sim.DeleteAsync("/_sim/faults")).Dispose();
        }

        var rows = await LedgerRowsAsync(keyId, Requests);
        var quota = await QuotaWindowAsync(keyId);
        var tagged = counts.GetProperty("tagged");
        output.WriteLine(string.Join(", ", outcomes.GroupBy(o => (o.Kind, o.Status, o.Code)).Select(g => $"{g.Key}: {g.Count()}")));
        output.WriteLine($"ledger: {rows.Count} rows, {rows.Sum(r => r.CostMicros)} µ$; quota used {quota.Used} leased {quota.Leased}; " +
            $"simulator produced {counts.GetProperty("produced")}");

        // Every request is answered, or refused for the budget with 429 budget_exceeded: before any call, or once the free
        // candidate failed and the budget could not cover the paid one (its difference is reserved before failing over);
        // then the message names both (services/router/Failover/FailoverErrors.cs).
        Assert.All(outcomes, o => Assert.True(o.Status == HttpStatusCode.OK
            || (o.Status == HttpStatusCode.TooManyRequests && o.Code == "budget_exceeded"),
            $"{o.Kind}: {(int)o.Status} {o.Code} {o.Message}"));
        // Whether a request is still between its failed free attempt and the paid one when the budget runs out is a race
        // (on a fast host every refusal can come before any call): each refusal that did fail over names both steps, and
        // Router.Tests' ProviderWindowTests pins that message without the race.
        Assert.All(outcomes.Where(o => o.Status == HttpStatusCode.TooManyRequests
                && o.Message!.Contains($"{FreeModel}: upstream_error", StringComparison.Ordinal)),
            o => Assert.Contains($"{PaidProvider}/{PaidModel}: skipped (budget_exceeded)", o.Message, StringComparison.Ordinal));
        Assert.Contains(outcomes, o => o.Status != HttpStatusCode.OK);
        Assert.Contains(outcomes, o => o is { Kind: Caller.Whole, Status: HttpStatusCode.OK });
        Assert.Contains(outcomes, o => o is { Kind: Caller.HangsUp, Status: HttpStatusCode.OK });

        // The budget holds: in the ledger (one row per request) and in the quota actor (used plus what replicas hold).
        Assert.Equal(Requests, rows.Count);
        Assert.True(rows.Sum(r => r.CostMicros) <= BudgetMicros, $"ledger spent {rows.Sum(r => r.CostMicros)} µ$ of {BudgetMicros}");
        Assert.True(quota.Used + quota.Leased <= BudgetMicros, $"quota used {quota.Used} + leased {quota.Leased} of {BudgetMicros}");
        // The free candidate was tried and produced nothing: every answer is a failover to the paid model.
        Assert.True(counts.GetProperty("providers").GetProperty("cerebras").GetProperty("total").GetInt32() > 0, "the free candidate was never tried");
        Assert.False(counts.GetProperty("produced").TryGetProperty("cerebras", out _), "the free candidate produced an answer");

        // Request by request (its ledger row by request id, its answer by its [[sim:tag]]): charged what was produced.
        var byId = rows.ToDictionary(r => r.RequestId, StringComparer.Ordinal);
        long producedByHangUps = 0, chargedToHangUps = 0;
        foreach (var o in outcomes)
        {
            var row = byId[o.RequestId!];
            if (o.Status != HttpStatusCode.OK)
            {
                Assert.Equal((int)o.Status, row.Status);
                Assert.Equal(0, row.CostMicros);
                Assert.False(tagged.TryGetProperty(o.Tag, out _), $"{o.Tag} was refused but produced an answer");
                continue;
            }
            var answer = tagged.GetProperty(o.Tag);
            Assert.Equal((PaidProvider, PaidModel), (row.Provider, row.Model));
            Assert.Equal((PaidProvider, PaidModel), (answer.GetProperty("provider").GetString(), answer.GetProperty("model").GetString()));
            var promptTokens = answer.GetProperty("promptTokens").GetInt32();
            var outputTokens = answer.GetProperty("outputTokens").GetInt32();
            // A complete answer, and a stream the caller left (read on by the router to the provider's usage report, at
            // its end: docs/accounting.md): exactly the provider's figures, at the catalog price (each row rounds up).
            Assert.True(answer.GetProperty("complete").GetBoolean(), o.Tag);
            Assert.Equal((o.Kind == Caller.HangsUp ? 499 : 200, promptTokens, outputTokens), (row.Status, row.InputTokens, row.OutputTokens));
            var priced = promptTokens * InputMicrosPerToken + outputTokens * OutputMicrosPerToken;
            Assert.InRange(row.CostMicros, (long)Math.Floor(priced), (long)Math.Ceiling(priced) + 1);
            if (o.Kind == Caller.HangsUp)
            {
                producedByHangUps += outputTokens;
                chargedToHangUps += row.OutputTokens;
            }
        }
        Assert.True(producedByHangUps > 0, "no caller hung up on an answer");
        output.WriteLine($"hang-ups: produced {producedByHangUps} output tokens, charged {chargedToHangUps}");
    }

    private async Task<Outcome> CallAsync(HttpClient client, int i, string tag, Caller kind)
    {
        var stream = kind != Caller.Whole;
        // The hang-ups' answers are long and paced (5 tokens a second), so the caller leaves while they are produced.
        var directive = kind == Caller.HangsUp ? $"[[sim:tag={tag},tps=5,words=60]]" : $"[[sim:tag={tag}]]";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent($$"""
                {"model":"auto","stream":{{(stream ? "true" : "false")}},"max_tokens":40,
                 "messages":[{"role":"user","content":"budget {{i}} please {{directive}}"}]}
                """, Encoding.UTF8, "application/json"),
        };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var requestId = response.Headers.TryGetValues("x-aiprovider-request-id", out var ids) ? ids.First() : null;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var detail = error.RootElement.GetProperty("error");
            return new(kind, tag, response.StatusCode, requestId, detail.GetProperty("code").GetString(), detail.GetProperty("message").GetString());
        }
        if (kind != Caller.HangsUp)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(!stream || body.TrimEnd().EndsWith("data: [DONE]", StringComparison.Ordinal), body);
            return new(kind, tag, response.StatusCode, requestId, null, null);
        }
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line && !line.Contains("Simulated", StringComparison.Ordinal))
        {
        }
        return new(kind, tag, response.StatusCode, requestId, null, null); // disposing the response closes the connection mid-stream
    }

    private async Task<(string Key, string Id)> CreateKeyAsync()
    {
        using var created = await stack.Client.PostAsJsonAsync("/admin/keys",
            new { name = "budget-e2e", role = "service", allowedModels = new[] { FreeModel, $"{PaidProvider}/{PaidModel}" } });
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.IsSuccessStatusCode, body);
        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("key").GetString()!, json.RootElement.GetProperty("info").GetProperty("id").GetString()!);
    }

    private async Task SetBudgetAsync(string keyId)
    {
        using var set = await stack.Client.PutAsJsonAsync($"/admin/quotas/key:{keyId}",
            new { rules = new[] { new { metric = "cost", period = "month", limit = BudgetMicros, hard = true } } });
        Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// The simulator's counts once every answered request's answer is listed (a stream the caller left is listed when the
    /// simulator notices the hang-up: its next write or pause), or after 30 s.
    /// </summary>
    private static async Task<JsonElement> SimulatorCountsAsync(HttpClient sim, int answered)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var counts = JsonDocument.Parse(await sim.GetStringAsync("/_sim/requests"));
            if (counts.RootElement.GetProperty("tagged").EnumerateObject().Count() >= answered || DateTime.UtcNow > deadline)
            {
                return counts.RootElement.Clone();
            }
            await Task.Delay(100);
        }
    }

    private sealed record Row(string RequestId, int Status, string? Provider, string? Model, int InputTokens, int OutputTokens, long CostMicros);

    /// <summary>The key's ledger rows, once all <paramref name="expected"/> arrived (usage flows through pub/sub) or 60 s passed.</summary>
    private async Task<List<Row>> LedgerRowsAsync(string keyId, int expected)
    {
        await using var dataSource = NpgsqlDataSource.Create(stack.Ledger.ConnectionString);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var rows = new List<Row>();
            await using (var command = dataSource.CreateCommand(
                "SELECT request_id, status, provider, model, input_tokens, output_tokens, cost_micros FROM usage_metrics WHERE api_key_id = $1"))
            {
                command.Parameters.AddWithValue(keyId);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    rows.Add(new Row(reader.GetString(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                        reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt64(6)));
                }
            }
            if (rows.Count >= expected || DateTime.UtcNow > deadline)
            {
                return rows;
            }
            await Task.Delay(250);
        }
    }

    private async Task<(long Used, long Leased)> QuotaWindowAsync(string keyId)
    {
        using var status = JsonDocument.Parse(await stack.Client.GetStringAsync($"/admin/quotas/key:{keyId}"));
        var window = status.RootElement.GetProperty("windows").EnumerateArray()
            .Single(w => w.GetProperty("rule").GetProperty("metric").GetString() == "cost");
        return (window.GetProperty("used").GetInt64(), window.GetProperty("leased").GetInt64());
    }
}
