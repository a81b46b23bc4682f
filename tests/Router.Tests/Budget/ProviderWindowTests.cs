using System.Net;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Failover;
using Dapr.AiProvider.Router.Routing;
using Dapr.AiProvider.Router.Tests.Api;
using Dapr.AiProvider.Router.Tests.Fakes;

namespace Dapr.AiProvider.Router.Tests.Budget;

/// <summary>Free-tier windows reserved before calling, spread by headroom; budgets topped up before a dearer failover.</summary>
public class ProviderWindowTests
{
    private static CatalogModel Free(string provider, string model, long rpm, string scope = "model") =>
        TestCatalog.Model(provider, model, free: true, input: 0, output: 0, aliases: ["llama"]) with
        {
            FreeWindows = new FreeTierWindows { RequestsPerMinute = rpm, RequestsPerDay = 1_000, Scope = scope, ResetTimeZone = "UTC" },
        };

    private static readonly CatalogModel Paid = TestCatalog.Model("openai", "gpt-4o-mini", input: 150_000, output: 600_000, aliases: ["llama"]);

    private static RouterFactory Factory(params CatalogModel[] models)
    {
        var factory = new RouterFactory();
        factory.Backend.Catalog = new ModelCatalog { Version = "windows-1", Models = models };
        return factory;
    }

    private static StringContent Ask(string model = "llama") =>
        new($$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json");

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    [Fact]
    public async Task ChatCompletions_QuotaUnreachableFailOpen_AnsweredAndBudgetSaysUnverified()
    {
        using var factory = Factory(Paid);
        factory.Leases.Unreachable = true;
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/chat/completions", Ask());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("unverified", Header(response, "x-aiprovider-budget-remaining"));
        factory.Leases.Unreachable = false;
    }

    [Fact]
    public async Task ChatCompletions_FreeWindowSpent_SkippedWithoutCallingAndSaysWhy()
    {
        using var factory = Factory(Free("groq", "llama-8b", rpm: 1), Paid);
        factory.Leases.RequestWindows[QuotaScopes.ProviderModel("groq", "llama-8b")] = (1, 1);
        using var client = factory.Authed();

        using var first = await client.PostAsync("/v1/chat/completions", Ask());
        using var second = await client.PostAsync("/v1/chat/completions", Ask());
        using var third = await client.PostAsync("/v1/chat/completions", Ask());

        Assert.Equal("groq", Header(first, "x-aiprovider-provider"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("openai", Header(second, "x-aiprovider-provider"));
        Assert.Equal("1", Header(second, "x-aiprovider-attempts")); // the spent window was never sent a request
        Assert.Equal("groq/llama-8b:free_window_exhausted", Header(second, "x-aiprovider-fallbacks"));
        Assert.Equal("openai", Header(third, "x-aiprovider-provider")); // known spent: left out of the plan
        Assert.Equal(1, factory.Backend.Calls.Count(c => c.Provider == "groq"));
        var asked = factory.Leases.Asked.First(a => a.Scope == "provider:groq:llama-8b").Request;
        Assert.Equal(1, asked.Requests); // leased a request at a time
        Assert.Contains(asked.Defaults!.Rules, r => r is { Metric: QuotaMetric.Requests, Period: QuotaPeriod.Minute, Limit: 1 });
        Assert.Contains(asked.Defaults!.Rules, r => r is { Metric: QuotaMetric.Requests, Period: QuotaPeriod.Day, Limit: 1_000 });
    }

    [Fact]
    public async Task ChatCompletions_TwoFreeTiers_LoadSpreadsByHeadroom()
    {
        using var factory = Factory(Free("groq", "llama-8b", rpm: 10), Free("cerebras", "llama-8b", rpm: 10), Paid);
        factory.Leases.RequestWindows[QuotaScopes.ProviderModel("groq", "llama-8b")] = (10, 10);
        factory.Leases.RequestWindows[QuotaScopes.ProviderModel("cerebras", "llama-8b")] = (10, 10);
        using var client = factory.Authed();

        var served = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await client.PostAsync("/v1/chat/completions", Ask());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            served.Add(Header(response, "x-aiprovider-provider"));
        }

        Assert.Equal(4, served.Count(p => p == "groq"));
        Assert.Equal(4, served.Count(p => p == "cerebras"));
    }

    [Fact]
    public async Task ChatCompletions_AccountWindow_SharedByTheAccountsModels()
    {
        using var factory = Factory(Free("openrouter", "a:free", rpm: 1, scope: "account"), Free("openrouter", "b:free", rpm: 1, scope: "account"), Paid);
        factory.Leases.RequestWindows[QuotaScopes.Provider("openrouter")] = (1, 1);
        using var client = factory.Authed();

        using var first = await client.PostAsync("/v1/chat/completions", Ask());
        using var second = await client.PostAsync("/v1/chat/completions", Ask());

        Assert.Equal("openrouter", Header(first, "x-aiprovider-provider"));
        Assert.Equal("openai", Header(second, "x-aiprovider-provider"));
        Assert.Equal(1, factory.Backend.Calls.Count(c => c.Provider == "openrouter"));
    }

    [Fact]
    public async Task ChatCompletions_OperatorLimitOnPaidProvider_IsChargedAndHolds()
    {
        using var factory = Factory(Paid);
        factory.Leases.RequestWindows[QuotaScopes.Provider("openai")] = (1, 1); // e.g. PUT /admin/quotas/provider:openai
        using var client = factory.Authed();

        using var first = await client.PostAsync("/v1/chat/completions", Ask());
        using var second = await client.PostAsync("/v1/chat/completions", Ask());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Contains("openai/gpt-4o-mini: skipped (provider_limit_reached)", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(factory.Backend.Calls);
        Assert.Null(factory.Leases.Asked.First(a => a.Scope == "provider:openai").Request.Defaults); // the operator's limits stay
    }

    [Fact]
    public async Task ChatCompletions_FailoverToDearerCandidateBudgetCannotCover_PaidModelNeverCalled()
    {
        // The free model costs nothing, so nothing is reserved for it; its failure would fail over to a paid model
        // whose estimate (1,024 output tokens at $0.60/M ≈ 615 µ$) the key's 100 µ$ cannot cover.
        using var factory = Factory(Free("groq", "llama-8b", rpm: 100), Paid);
        factory.Leases.CostLeft["key:bootstrap"] = 100;
        factory.Backend.Fail("groq/llama-8b", ErrorClass.QuotaExhausted, DateTimeOffset.UtcNow.AddMinutes(1));
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/chat/completions", Ask());

        // The budget decides the answer, as when it refuses the first candidate; the free failure stays in the headers.
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("budget_exceeded", body.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("openai/gpt-4o-mini: skipped (budget_exceeded)", body.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("groq/llama-8b:quota_exhausted,openai/gpt-4o-mini:budget_exceeded", Header(response, "x-aiprovider-fallbacks"));
        Assert.Equal("1", Header(response, "x-aiprovider-attempts"));
        Assert.DoesNotContain(factory.Backend.Calls, c => c.Provider == "openai");
    }

    [Fact]
    public async Task ChatCompletions_FreeModelFailsThenBudgetRefusesThePaidFallback_Is429BudgetExceededNot502()
    {
        using var factory = Factory(Free("groq", "llama-8b", rpm: 100), Paid);
        factory.Leases.CostLeft["key:bootstrap"] = 100;
        factory.Backend.Fail("groq/llama-8b", ErrorClass.UpstreamError);
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/chat/completions", Ask());

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("budget_exceeded", body.RootElement.GetProperty("error").GetProperty("code").GetString());
        // upstream_error is retried once at the end of the plan, so the free model is asked twice, the paid one never.
        Assert.Equal("groq/llama-8b:upstream_error,openai/gpt-4o-mini:budget_exceeded,groq/llama-8b:upstream_error",
            Header(response, "x-aiprovider-fallbacks"));
        Assert.Equal("2", Header(response, "x-aiprovider-attempts"));
        Assert.All(factory.Backend.Calls, c => Assert.Equal("groq", c.Provider));
    }

    [Fact]
    public async Task Messages_FreeModelFailsThenBudgetRefusesThePaidFallback_IsAnthropicRateLimitError()
    {
        using var factory = Factory(Free("groq", "llama-8b", rpm: 100), Paid);
        factory.Leases.CostLeft["key:bootstrap"] = 100;
        factory.Backend.Fail("groq/llama-8b", ErrorClass.UpstreamError);
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/messages", new StringContent(
            """{"model":"llama","max_tokens":1024,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("error", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("rate_limit_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("groq/llama-8b:upstream_error,openai/gpt-4o-mini:budget_exceeded,groq/llama-8b:upstream_error",
            Header(response, "x-aiprovider-fallbacks"));
    }

    [Fact]
    public async Task ChatCompletions_FreeWindowsSpentAndBudgetCannotPay_Is429BudgetExceededWithoutAnyCall()
    {
        using var factory = Factory(Free("groq", "llama-8b", rpm: 1), Paid);
        factory.Leases.RequestWindows[QuotaScopes.ProviderModel("groq", "llama-8b")] = (1, 0);
        factory.Leases.CostLeft["key:bootstrap"] = 100;
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/chat/completions", Ask());

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("budget_exceeded", body.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(factory.Backend.Calls);
    }

    [Fact]
    public async Task ChatCompletions_FailoverToDearerCandidateBudgetCovers_TopsUpAndAnswers()
    {
        using var factory = Factory(Free("groq", "llama-8b", rpm: 100), Paid);
        factory.Leases.CostLeft["key:bootstrap"] = 1_000_000;
        factory.Backend.Fail("groq/llama-8b", ErrorClass.Overloaded);
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/chat/completions", Ask());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("openai", Header(response, "x-aiprovider-provider"));
        Assert.Equal("2", Header(response, "x-aiprovider-attempts"));
    }

    [Fact]
    public async Task ChatCompletions_ProviderHeadersSayNothingLeft_BenchedUntilTheirResetWithoutA429()
    {
        using var factory = Factory(Free("groq", "llama-8b", rpm: 30), Paid);
        var reset = DateTimeOffset.UtcNow.AddMinutes(2);
        factory.Backend.Answer("groq/llama-8b", r => Succeeded(r, new ProviderHeadroom { RemainingRequests = 0, RequestsResetAt = reset }));
        using var client = factory.Authed();

        using var first = await client.PostAsync("/v1/chat/completions", Ask());
        using var second = await client.PostAsync("/v1/chat/completions", Ask());

        Assert.Equal(("groq", "openai"), (Header(first, "x-aiprovider-provider"), Header(second, "x-aiprovider-provider")));
        Assert.Equal(1, factory.Backend.Calls.Count(c => c.Provider == "groq"));
        Assert.Equal(reset, factory.Cooldowns.Shared[QuotaScopes.ProviderModel("groq", "llama-8b")].Until); // every replica sees it
    }

    [Fact]
    public async Task ChatCompletions_ProviderStatesItsLimit_TheScopesActorIsToldOnce()
    {
        using var factory = Factory(Free("groq", "llama-8b", rpm: 9), Paid);
        factory.Backend.Answer("groq/llama-8b", r => Succeeded(r, new ProviderHeadroom
        {
            RemainingRequests = 9, Limits = [new LearnedLimit { Metric = "requests", Window = QuotaWindowKind.Minute, Limit = 12 }],
        }));
        factory.Leases.RequestWindows[QuotaScopes.ProviderModel("groq", "llama-8b")] = (9, 9);
        using var client = factory.Authed();

        using var first = await client.PostAsync("/v1/chat/completions", Ask());
        using var second = await client.PostAsync("/v1/chat/completions", Ask());

        // Kept by the scope's actor for every replica (and across router restarts); told again only when it changes.
        var (scope, stated) = Assert.Single(factory.Leases.Learned);
        Assert.Equal("provider:groq:llama-8b", scope);
        var rule = Assert.Single(stated.Rules);
        Assert.Equal((QuotaMetric.Requests, QuotaPeriod.Minute, 12L, "UTC"), (rule.Metric, rule.Period, rule.Limit, rule.TimeZone));
        // Each ask still carries the catalog's figures: the actor lays what it learned over them.
        Assert.All(factory.Leases.Asked.Where(a => a.Scope == "provider:groq:llama-8b"),
            a => Assert.Equal(9, a.Request.Defaults!.Rules.Single(r => r is { Period: QuotaPeriod.Minute, Metric: QuotaMetric.Requests }).Limit));
    }

    [Fact]
    public async Task ChatCompletions_FreeWindow_LeasedInHalvesOfWhatIsLeftEachSettlingThePrevious()
    {
        using var factory = Factory(Free("groq", "llama-8b", rpm: 10), Paid);
        factory.Leases.RequestWindows[QuotaScopes.ProviderModel("groq", "llama-8b")] = (10, 10);
        using var client = factory.Authed();

        var served = new List<string>();
        for (var i = 0; i < 11; i++)
        {
            using var response = await client.PostAsync("/v1/chat/completions", Ask());
            served.Add(Header(response, "x-aiprovider-provider"));
        }

        Assert.Equal(10, served.Count(p => p == "groq"));
        Assert.Equal("openai", served[^1]);
        var asks = factory.Leases.Asked.Where(a => a.Scope == "provider:groq:llama-8b").Select(a => a.Request).ToList();
        // 10 requests in 4 lease calls (5 + 3 + 1 + 1), then one that finds the window spent; a replica per request
        // would have made 10.
        Assert.Equal([5, 3, 1, 1, 1], asks.Select(a => a.Requests));
        Assert.Null(asks[0].Settle);
        Assert.Equal([5, 3, 1, 1], asks.Skip(1).Select(a => a.Settle!.UsedRequests)); // each refill settles the slice before it
    }

    private static AttemptOutcome<AdapterChatResult> Succeeded(AdapterChatRequest request, ProviderHeadroom headroom)
    {
        var result = FakeBackend.Success(request);
        return AttemptOutcome<AdapterChatResult>.Success(result with { Usage = result.Usage with { Headroom = headroom } });
    }

    [Fact]
    public void OutputEstimate_AnthropicWithoutMaxTokens_IsTheModelsMaximumAsSentUpstream()
    {
        var harness = new Harness();
        var claude = TestCatalog.Model("anthropic", "claude-haiku", output: 4_000_000) with { Family = "anthropic", MaxOutputTokens = 64_000 };
        var gpt = TestCatalog.Model("openai", "gpt-4o-mini") with { MaxOutputTokens = 16_384 };

        Assert.Equal(64_000, harness.Engine.OutputEstimate(claude, new RouteQuery { PromptTokens = 10 }));
        Assert.Equal(1_024, harness.Engine.OutputEstimate(gpt, new RouteQuery { PromptTokens = 10 }));
        Assert.Equal(500, harness.Engine.OutputEstimate(claude, new RouteQuery { PromptTokens = 10, MaxOutputTokens = 500 }));
        Assert.Equal(256_000, harness.Engine.EstimateCost(claude, new RouteQuery { PromptTokens = 0 })); // 64,000 × $4/M
    }
}
