using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts;

namespace Dapr.AiProvider.Router.Tests.Api;

public class ChatApiTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    [Fact]
    public async Task ChatCompletions_Success_AnswersWithDecisionHeaders()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/chat/completions", Json("""{"messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Hello from github/gpt-4o-mini", body.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("github/gpt-4o-mini", body.RootElement.GetProperty("model").GetString());
        Assert.Equal("github", Header(response, "x-aiprovider-provider"));
        Assert.Equal("gpt-4o-mini", Header(response, "x-aiprovider-model"));
        Assert.Equal("1", Header(response, "x-aiprovider-attempts"));
        Assert.Equal("BYPASS", Header(response, "x-aiprovider-cache"));
        Assert.Equal("0.000042", Header(response, "x-aiprovider-cost-usd"));
        Assert.Contains("route=auto", Header(response, "x-aiprovider-route-reason"), StringComparison.Ordinal);
        Assert.StartsWith("req_", Header(response, "x-aiprovider-request-id"), StringComparison.Ordinal);
        Assert.NotEmpty(Header(response, "x-aiprovider-overhead-ms"));
        Assert.NotEmpty(Header(response, "x-aiprovider-budget-remaining"));
    }

    [Fact]
    public async Task ChatCompletions_FreeProviderRateLimited_FailsOverAndSaysWhy()
    {
        using var factory = new RouterFactory();
        factory.Backend.Fail("github/gpt-4o-mini", ErrorClass.RateLimited, DateTimeOffset.UtcNow.AddMinutes(1));
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/chat/completions", Json("""{"messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("openai", Header(response, "x-aiprovider-provider"));
        Assert.Equal("2", Header(response, "x-aiprovider-attempts"));
        Assert.Equal("github/gpt-4o-mini:rate_limited", Header(response, "x-aiprovider-fallbacks"));
    }

    [Fact]
    public async Task ChatCompletions_ProviderSaysInvalidRequest_Is400WithoutFailover()
    {
        using var factory = new RouterFactory();
        factory.Backend.Fail("github/gpt-4o-mini", ErrorClass.InvalidRequest);
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/chat/completions", Json("""{"messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single(factory.Backend.Calls);
    }

    [Fact]
    public async Task ChatCompletions_EveryCandidateQuotaExhausted_Is503WithRetryAfter()
    {
        using var factory = new RouterFactory();
        foreach (var model in factory.Backend.Catalog.Models)
        {
            factory.Backend.Fail(model.Id, ErrorClass.QuotaExhausted, DateTimeOffset.UtcNow.AddMinutes(2));
        }
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/chat/completions", Json("""{"messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("quota_exhausted", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessTask_Prompt_ReturnsTaskResponseAndPublishesUsage()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();

        using var response = await client.PostAsync("/ai/process", Json("""{"taskType":"summarize","prompt":"Summarise this.","maxTokens":50}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        Assert.Equal("Hello from github/gpt-4o-mini", root.GetProperty("content").GetString());
        Assert.Equal("github", root.GetProperty("provider").GetString());
        Assert.Equal(15, root.GetProperty("tokens").GetProperty("total").GetInt32());
        Assert.Equal(0.000042m, root.GetProperty("costUsd").GetDecimal());
        Assert.False(root.GetProperty("cached").GetBoolean());
        var requestId = root.GetProperty("requestId").GetString()!;
        var usage = await factory.Usage.WaitForAsync(requestId, TimeSpan.FromSeconds(5));
        Assert.Equal("bootstrap", usage.ApiKeyId);
        Assert.Equal("summarize", usage.TaskType);
        Assert.Equal("github", usage.Provider);
        Assert.Equal(42, usage.CostMicros);
        Assert.Equal(1, usage.Attempts);
        Assert.Equal(200, usage.Status);
        Assert.Equal(50, factory.Backend.Calls.Single().Request.MaxTokens);
    }

    [Fact]
    public async Task ProcessTask_DeterministicRepeat_IsServedFromCache()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();
        const string request = """{"taskType":"classify","prompt":"spam or ham?","temperature":0}""";

        using var first = await client.PostAsync("/ai/process", Json(request));
        await WaitUntil(() => !factory.Cache.Items.IsEmpty);
        using var second = await client.PostAsync("/ai/process", Json(request));

        Assert.Equal("MISS", Header(first, "x-aiprovider-cache"));
        Assert.Equal("HIT", Header(second, "x-aiprovider-cache"));
        using var body = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("cached").GetBoolean());
        Assert.Equal(0m, body.RootElement.GetProperty("costUsd").GetDecimal());
        Assert.Single(factory.Backend.Calls);
        Assert.Equal(86_400, factory.Cache.Items.Values.Single().Ttl);
        var usage = await factory.Usage.WaitForAsync(body.RootElement.GetProperty("requestId").GetString()!, TimeSpan.FromSeconds(5));
        Assert.True(usage.CacheHit);
    }

    [Fact]
    public async Task ChatCompletions_CacheHits_AnswerTheMissesBytesWithItsContentType()
    {
        // A hit writes the completion serialised once and kept with the entry (CachedCompletion.OpenAiJson): what the
        // caller reads must be the fresh answer's JSON byte for byte, however many hits the entry serves.
        using var factory = new RouterFactory();
        using var client = factory.Authed();
        const string request = """{"messages":[{"role":"user","content":"cache this"}],"temperature":0}""";

        using var miss = await client.PostAsync("/v1/chat/completions", Json(request));
        await WaitUntil(() => !factory.Cache.Items.IsEmpty);
        using var hit = await client.PostAsync("/v1/chat/completions", Json(request));
        using var again = await client.PostAsync("/v1/chat/completions", Json(request));

        Assert.Equal(("MISS", "HIT", "HIT"), (Header(miss, "x-aiprovider-cache"), Header(hit, "x-aiprovider-cache"), Header(again, "x-aiprovider-cache")));
        var fresh = await miss.Content.ReadAsByteArrayAsync();
        using (var body = JsonDocument.Parse(fresh))
        {
            Assert.Equal("Hello from github/gpt-4o-mini", body.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        }
        Assert.Equal(fresh, await hit.Content.ReadAsByteArrayAsync());
        Assert.Equal(fresh, await again.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/json; charset=utf-8", miss.Content.Headers.ContentType?.ToString());
        Assert.Equal("application/json; charset=utf-8", hit.Content.Headers.ContentType?.ToString());
        Assert.Equal(fresh.Length, miss.Content.Headers.ContentLength); // a fresh answer is sized too (JsonBytesResult.Serialized)
        Assert.Equal(fresh.Length, hit.Content.Headers.ContentLength);
        Assert.Single(factory.Backend.Calls);
    }

    [Fact]
    public async Task ChatCompletions_NoStore_NeitherReadsNorWritesCache()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();
        client.DefaultRequestHeaders.Add("Cache-Control", "no-store");
        const string request = """{"messages":[{"role":"user","content":"hi"}],"temperature":0}""";

        using var first = await client.PostAsync("/v1/chat/completions", Json(request));
        using var second = await client.PostAsync("/v1/chat/completions", Json(request));

        Assert.Equal("BYPASS", Header(second, "x-aiprovider-cache"));
        Assert.Equal(2, factory.Backend.Calls.Count);
        Assert.Empty(factory.Cache.Items);
        Assert.Equal(0, factory.Cache.Reads);
    }

    [Fact]
    public async Task ChatCompletions_IdenticalConcurrentMisses_MakeOneUpstreamCall()
    {
        using var factory = new RouterFactory();
        factory.Backend.Delay = TimeSpan.FromMilliseconds(300);
        using var client = factory.Authed();
        const string request = """{"messages":[{"role":"user","content":"same"}],"temperature":0}""";

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.PostAsync("/v1/chat/completions", Json(request))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(factory.Backend.Calls);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Models_ListsConcreteIdsAliasesAndRoutes()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();

        var list = await client.GetFromJsonAsync<JsonElement>("/v1/models");

        var ids = list.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal("list", list.GetProperty("object").GetString());
        Assert.Contains("openai/gpt-4o", ids);
        Assert.Contains("gpt-4o-mini", ids);
        Assert.Contains("auto", ids);
        Assert.Contains("auto:code", ids);
        Assert.Contains("free", ids);
    }

    [Fact]
    public async Task ChatCompletions_KeyBudgetExhausted_Is429WithRetryAfter()
    {
        using var factory = new RouterFactory();
        factory.Leases.CostLeft["key:bootstrap"] = 0;
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/chat/completions", Json("""{"model":"openai/gpt-4o","messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Empty(factory.Backend.Calls);
    }

    [Fact]
    public async Task ChatCompletions_StateStoreDown_StillAnswersAndRecovers()
    {
        using var factory = new RouterFactory();
        factory.Cache.Unavailable = true;
        factory.Circuits.Unavailable = true;
        factory.Backend.Fail("github/gpt-4o-mini", ErrorClass.Overloaded);
        using var client = factory.Authed();
        const string request = """{"messages":[{"role":"user","content":"hi"}],"temperature":0}""";

        using var degraded = await client.PostAsync("/v1/chat/completions", Json(request));
        factory.Cache.Unavailable = false;
        factory.Circuits.Unavailable = false;
        using var recovered = await client.PostAsync("/v1/chat/completions", Json(request));
        await WaitUntil(() => !factory.Cache.Items.IsEmpty);

        Assert.Equal(HttpStatusCode.OK, degraded.StatusCode);
        Assert.Equal("openai", Header(degraded, "x-aiprovider-provider"));
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Single(factory.Cache.Items);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }
}
