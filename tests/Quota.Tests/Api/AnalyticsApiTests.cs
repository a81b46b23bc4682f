using System.Net;
using System.Net.Http.Json;
using Dapr.AiProvider.Quota.Api;
using Dapr.AiProvider.Quota.Tests.Infrastructure;

namespace Dapr.AiProvider.Quota.Tests.Api;

[Trait("Category", "Process")]
public sealed class AnalyticsApiTests : IAsyncLifetime
{
    private const string Range = "from=2026-11-01T00:00:00Z&to=2026-11-03T00:00:00Z";
    private QuotaAppSession _app = null!;

    public async Task InitializeAsync()
    {
        _app = await QuotaAppSession.StartAsync();
        var day1 = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);
        var day2 = day1.AddDays(1);
        var events = new[]
        {
            CloudEvents.Usage("a1", "openai", "gpt-4o-mini", 1_000, cacheHit: false, apiKeyId: "key-a", occurredAt: day1),
            CloudEvents.Usage("a2", "openai", "gpt-4o", 5_000, cacheHit: true, apiKeyId: "key-a", occurredAt: day1, taskType: "code"),
            CloudEvents.Usage("b1", "gemini", "gemini-2.0-flash", 0, cacheHit: false, apiKeyId: "key-b", occurredAt: day2, callerAppId: "agent-qa"),
            CloudEvents.Usage("b2", "anthropic", "claude-3-5-haiku", 9_000, cacheHit: true, apiKeyId: "key-b", occurredAt: day2, callerAppId: "agent-qa"),
            CloudEvents.Usage("out", "openai", "gpt-4o", 7_000, apiKeyId: "key-c", occurredAt: day2.AddDays(5)),
        };
        foreach (var usage in events)
        {
            Assert.Equal("SUCCESS", await CloudEvents.StatusAsync(await _app.Client.PostAsync("/usage", CloudEvents.Envelope(usage))));
        }
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task GetUsage_GroupByProvider_SumsWithinRange()
    {
        var report = await _app.Client.GetFromJsonAsync<UsageReport>($"/quota/usage?{Range}&groupBy=provider");

        Assert.Equal(["anthropic", "gemini", "openai"], report!.Buckets.Select(b => b.Key));
        var openai = report.Buckets.Single(b => b.Key == "openai");
        Assert.Equal(2, openai.Requests);
        Assert.Equal(6_000, openai.CostMicros);
        Assert.Equal(300, openai.TotalTokens);
        Assert.Equal(1, openai.CacheHits);
    }

    [Fact]
    public async Task GetUsage_GroupByDay_OneBucketPerUtcDay()
    {
        var report = await _app.Client.GetFromJsonAsync<UsageReport>($"/quota/usage?{Range}&groupBy=day");

        Assert.Equal(["2026-11-01", "2026-11-02"], report!.Buckets.Select(b => b.Key));
        Assert.Equal([6_000L, 9_000L], report.Buckets.Select(b => b.CostMicros));
    }

    [Theory]
    [InlineData("model", "openai/gpt-4o", 1)]
    [InlineData("key", "key-b", 2)]
    [InlineData("task_type", "code", 1)]
    [InlineData("app", "agent-qa", 2)]
    [InlineData("app", "(none)", 2)]
    public async Task GetUsage_GroupByDimension_CountsRequests(string groupBy, string key, long requests)
    {
        var report = await _app.Client.GetFromJsonAsync<UsageReport>($"/quota/usage?{Range}&groupBy={groupBy}");

        Assert.Equal(requests, report!.Buckets.Single(b => b.Key == key).Requests);
    }

    [Fact]
    public async Task GetTopConsumers_Range_OrderedByCost()
    {
        var report = await _app.Client.GetFromJsonAsync<TopConsumersReport>($"/quota/top-consumers?{Range}&limit=5");

        Assert.Equal(["key-b", "key-a"], report!.Consumers.Select(c => c.ApiKeyId));
        Assert.Equal(9_000, report.Consumers[0].CostMicros);
    }

    [Fact]
    public async Task GetCacheHitRate_Range_HitsOverRequests()
    {
        var rate = await _app.Client.GetFromJsonAsync<CacheHitRate>($"/quota/cache-hit-rate?{Range}");

        Assert.Equal(4, rate!.Requests);
        Assert.Equal(2, rate.CacheHits);
        Assert.Equal(0.5, rate.Rate, 6);
    }

    [Theory]
    [InlineData("/quota/usage?groupBy=colour")]
    [InlineData("/quota/usage?from=2026-11-03T00:00:00Z&to=2026-11-01T00:00:00Z")]
    [InlineData("/quota/usage?from=yesterday")]
    [InlineData("/quota/top-consumers?limit=0")]
    [InlineData("/quota/cache-hit-rate?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z")]
    public async Task Get_InvalidQuery_Returns422Problem(string url)
    {
        var response = await _app.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
