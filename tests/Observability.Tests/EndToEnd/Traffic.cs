using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Dapr.AiProvider.Observability.Tests.EndToEnd;

/// <summary>
/// What the observability tests send once: budgets set (global and the answering provider's window), a request
/// carrying the client's <c>traceparent</c>, a stream, a cached repeat, a refused request and a failover — so every
/// dashboard panel has something to show.
/// </summary>
public sealed record Traffic(string TraceId, string Prompt, string Provider, string FailoverTraceId, string BudgetScope)
{
    public static async Task<Traffic> RunAsync(ObservedStack stack)
    {
        var client = stack.Client;
        // The first call waits out the sidecars' app-health probes (quota is invoked only once reported healthy).
        for (var attempt = 1; ; attempt++)
        {
            using var limits = await client.PutAsync("/admin/quotas/global", Json("""{"rules":[{"metric":"requests","period":"day","limit":100000}]}"""));
            if (limits.IsSuccessStatusCode || attempt == 60)
            {
                await ExpectOkAsync(Task.FromResult(limits));
                break;
            }
            await Task.Delay(500);
        }

        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var prompt = "Observe me " + Guid.NewGuid();
        using var traced = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = Chat(prompt, stream: false, temperature: 0.7),
        };
        traced.Headers.Add("traceparent", TraceParent(traceId));
        var answer = await ExpectOkAsync(client.SendAsync(traced));
        var provider = answer.GetValues("x-aiprovider-provider").Single();

        await ExpectOkAsync(client.PutAsync($"/admin/quotas/provider:{provider}",
            Json("""{"rules":[{"metric":"requests","period":"day","limit":100000}]}""")));

        await ExpectOkAsync(client.PostAsync("/v1/chat/completions", Chat("Stream " + Guid.NewGuid(), stream: true, temperature: 0.7)));
        var cached = "Cache " + Guid.NewGuid();
        await ExpectOkAsync(client.PostAsync("/v1/chat/completions", Chat(cached, stream: false, temperature: 0)));
        await ExpectOkAsync(client.PostAsync("/v1/chat/completions", Chat(cached, stream: false, temperature: 0)));

        using (var refused = await client.PostAsync("/v1/chat/completions", Json("""{"model":"auto","messages":[]}""")))
        {
            if (refused.IsSuccessStatusCode)
            {
                throw new InvalidOperationException("an empty message list was accepted");
            }
        }

        // The quality strategy orders candidates the same way every time (the default spreads load over free tiers by
        // their headroom), so the provider a probe lands on is the one the next request tries first: fault it there.
        using var probe = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = Chat("Probe " + Guid.NewGuid(), stream: false, temperature: 0.7),
        };
        probe.Headers.Add("x-aiprovider-strategy", "quality");
        var first = (await ExpectOkAsync(client.SendAsync(probe))).GetValues("x-aiprovider-provider").Single();
        var failoverTraceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        using var simulator = new HttpClient { BaseAddress = stack.SimulatorUrl };
        var simulated = first == "github-models" ? "github" : first;
        await ExpectOkAsync(simulator.PostAsJsonAsync("/_sim/faults", new { provider = simulated, fault = "server_error" }));
        try
        {
            using var failover = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
            {
                Content = Chat("Fail over " + Guid.NewGuid(), stream: false, temperature: 0.7),
            };
            failover.Headers.Add("x-aiprovider-strategy", "quality");
            failover.Headers.Add("traceparent", TraceParent(failoverTraceId));
            await ExpectOkAsync(client.SendAsync(failover));
        }
        finally
        {
            using var _ = await simulator.DeleteAsync("/_sim/faults");
        }
        var budgetScope = await OverrunTeamBudgetAsync(client);
        return new Traffic(traceId, prompt, provider, failoverTraceId, budgetScope);
    }

    private static StringContent Chat(string prompt, bool stream, double temperature) => Json(
        $$"""{"model":"auto","stream":{{(stream ? "true" : "false")}},"temperature":{{temperature.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"messages":[{"role":"user","content":"{{prompt}}"}]}""");

    /// <summary>
    /// A team key with a hard budget of 2 requests a day, then 3 requests: the third refills its lease, which
    /// settles the 2 used (alerts at 50, 80 and 100 %) and is refused. Returns the key's quota scope.
    /// </summary>
    private static async Task<string> OverrunTeamBudgetAsync(HttpClient admin)
    {
        using var created = await admin.PostAsync("/admin/keys", Json("""{"name":"observe-budget","role":"service","team":"observe"}"""));
        var body = await created.Content.ReadAsStringAsync();
        if (!created.IsSuccessStatusCode)
        {
            throw new InvalidOperationException("key not created: " + body);
        }
        using var json = System.Text.Json.JsonDocument.Parse(body);
        var key = json.RootElement.GetProperty("key").GetString()!;
        var scope = "key:" + json.RootElement.GetProperty("info").GetProperty("id").GetString()!;
        await ExpectOkAsync(admin.PutAsync($"/admin/quotas/{scope}", Json("""{"rules":[{"metric":"requests","period":"day","limit":2}]}""")));

        using var team = new HttpClient { BaseAddress = admin.BaseAddress, Timeout = admin.Timeout };
        team.DefaultRequestHeaders.Authorization = new("Bearer", key);
        await ExpectOkAsync(team.PostAsync("/v1/chat/completions", Chat("Team 1 " + Guid.NewGuid(), stream: false, temperature: 0.7)));
        await ExpectOkAsync(team.PostAsync("/v1/chat/completions", Chat("Team 2 " + Guid.NewGuid(), stream: false, temperature: 0.7)));
        using var refused = await team.PostAsync("/v1/chat/completions", Chat("Team 3 " + Guid.NewGuid(), stream: false, temperature: 0.7));
        if (refused.StatusCode != HttpStatusCode.TooManyRequests)
        {
            throw new InvalidOperationException($"the third request over a 2-request budget answered {(int)refused.StatusCode}");
        }
        return scope;
    }

    private static string TraceParent(string traceId) => $"00-{traceId}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..8])}-01";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Sends, reads the whole body (streams included), and returns the headers of a 2xx answer.</summary>
    private static async Task<System.Net.Http.Headers.HttpResponseHeaders> ExpectOkAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
        }
        return response.Headers;
    }
}
