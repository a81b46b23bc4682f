using System.Net;
using System.Text;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Tests.Api;
using Dapr.AiProvider.Router.Tests.Fakes;

namespace Dapr.AiProvider.Router.Tests.Budget;

/// <summary>
/// Hugging Face's monthly credits as a provider window: a dollar window per month on <c>provider:huggingface</c>, leased
/// in halves of what is left and charged with each answer's real cost, skipped once spent; its 402 benches the account
/// until the month turns.
/// </summary>
public class MonthlyCreditsWindowTests
{
    // Priced as Hugging Face bills it ($0.03 / $0.05 per million tokens), paid from $0.001 of monthly credits: the fake
    // backend charges 42 micro-dollars an answer, so about 23 answers spend them.
    private static readonly CatalogModel Hf = TestCatalog.Model("huggingface", "meta-llama/Llama-3.1-8B-Instruct", free: true,
        input: 30_000, output: 50_000, aliases: ["llama"]) with
    {
        FreeWindows = new FreeTierWindows { MonthlyCreditMicros = 1_000, Scope = "account", ResetTimeZone = "UTC" },
    };

    private static readonly CatalogModel Paid = TestCatalog.Model("openai", "gpt-4o-mini", input: 150_000, output: 600_000, aliases: ["llama"]);

    private static RouterFactory Factory()
    {
        var factory = new RouterFactory();
        factory.Backend.Catalog = new ModelCatalog { Version = "credits-1", Models = [Hf, Paid] };
        return factory;
    }

    private static StringContent Ask() =>
        new("""{"model":"llama","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json");

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    [Fact]
    public async Task ChatCompletions_CreditsSpent_SkippedWithoutCallingThenPaid()
    {
        using var factory = Factory();
        factory.Leases.CostLeft[QuotaScopes.Provider("huggingface")] = 1_000;
        using var client = factory.Authed();

        var served = new List<string>();
        string fallbacks = "";
        for (var i = 0; i < 60 && (served.Count == 0 || served[^1] == "huggingface"); i++)
        {
            using var response = await client.PostAsync("/v1/chat/completions", Ask());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            served.Add(Header(response, "x-aiprovider-provider"));
            fallbacks = Header(response, "x-aiprovider-fallbacks");
        }

        Assert.Equal("huggingface", served[0]);
        Assert.Equal("openai", served[^1]);
        Assert.Equal("huggingface/meta-llama/Llama-3.1-8B-Instruct:free_window_exhausted", fallbacks);
        Assert.Equal(served.Count - 1, factory.Backend.Calls.Count(c => c.Provider == "huggingface")); // never sent once spent
        var asks = factory.Leases.Asked.Where(a => a.Scope == "provider:huggingface").Select(a => a.Request).ToList();
        Assert.Contains(asks[0].Defaults!.Rules, r => r is { Metric: QuotaMetric.CostMicros, Period: QuotaPeriod.Month, Limit: 1_000, TimeZone: "UTC" });
        // Sliced by what is left of the credits (half of $0.001), not one lease call per request; requests unmeasured.
        Assert.Equal(500, asks[0].CostMicros);
        Assert.True(asks.Count < served.Count, $"{asks.Count} lease calls for {served.Count} requests");
        Assert.All(asks, a => Assert.True(a.Requests > 1_000_000));
        // Each slice is settled with the answers' real cost (the fake backend's 42 micro-dollars each), not the estimate.
        var settled = factory.Leases.Settlements.Where(s => s.Scope == "provider:huggingface").Select(s => s.Settlement).ToList();
        Assert.NotEmpty(settled);
        Assert.All(settled, s => Assert.Equal(42 * s.UsedRequests, s.UsedCostMicros));
    }

    [Fact]
    public async Task ChatCompletions_HuggingFace402_BenchedUntilTheMonthTurns()
    {
        using var factory = Factory();
        var now = DateTimeOffset.UtcNow;
        var nextMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
        factory.Backend.Fail(Hf.Id, ErrorClass.QuotaExhausted, nextMonth); // OpenAiErrorClassifier: HF's 402 "monthly included credits"
        using var client = factory.Authed();

        using var first = await client.PostAsync("/v1/chat/completions", Ask());
        using var second = await client.PostAsync("/v1/chat/completions", Ask());

        Assert.Equal(("openai", "openai"), (Header(first, "x-aiprovider-provider"), Header(second, "x-aiprovider-provider")));
        Assert.Equal("huggingface/meta-llama/Llama-3.1-8B-Instruct:quota_exhausted", Header(first, "x-aiprovider-fallbacks"));
        Assert.Equal(1, factory.Backend.Calls.Count(c => c.Provider == "huggingface")); // benched: never called again this month
    }
}
