using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Usage;
using Dapr.AiProvider.Quota.Api;
using Dapr.AiProvider.Quota.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Dapr.AiProvider.Quota.Tests.Api;

/// <summary>
/// The console's cluster-wide reads on a real PostgreSQL ledger: <c>GET /quota/decisions</c> (each row with the routing
/// explanation the router sent with its usage event) and <c>GET /quota/overview</c> (the last 30 minutes).
/// </summary>
[Trait("Category", "Process")]
public sealed class ConsoleLedgerApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 15, 30, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private QuotaAppSession _app = null!;

    public async Task InitializeAsync() =>
        _app = await QuotaAppSession.StartAsync(b => b.ConfigureTestServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(_time);
        }));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static UsageRecorded Usage(string id, DateTimeOffset at, string provider = "openai", int status = 200, ErrorClass? error = null,
        double latencyMs = 100, bool cacheHit = false, long costMicros = 1_000, RoutingExplanation? decision = null, string apiKeyId = "key-1") =>
        CloudEvents.Usage(id, provider, costMicros: costMicros, cacheHit: cacheHit, apiKeyId: apiKeyId, occurredAt: at) with
        {
            Status = status, ErrorClass = error, LatencyMs = latencyMs, Decision = decision,
        };

    private async Task IngestAsync(params UsageRecorded[] events)
    {
        foreach (var usage in events)
        {
            Assert.Equal("SUCCESS", await CloudEvents.StatusAsync(await _app.Client.PostAsync("/usage", CloudEvents.Envelope(usage))));
        }
    }

    private async Task<DecisionRecord[]> DecisionsAsync(string query)
    {
        using var response = await _app.Client.GetAsync("/quota/decisions?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<DecisionRecord[]>())!;
    }

    [Fact]
    public async Task Decisions_KeepTheRoutingExplanation_AndAFullIdIsFoundWhateverItsAge()
    {
        var explanation = new RoutingExplanation
        {
            RequestedModel = "auto", RouteReason = "strategy=cost", FailedCandidates = ["github/gpt-4o-mini:rate_limited"], Cache = "miss", UpstreamMs = 812.34,
        };
        // A month old: outside the default range (the last 7 days), still found by its full id.
        await IngestAsync(Usage("req-old", Now.AddDays(-30), decision: explanation) with { Attempts = 2, Stream = true },
            Usage("req-plain", Now.AddMinutes(-1), cacheHit: true));

        var found = Assert.Single(await DecisionsAsync("requestId=req-old"));
        var plain = Assert.Single(await DecisionsAsync("requestId=req-plain"));

        Assert.Equal(("req-old", "auto", "strategy=cost", "miss", 812.3), (found.RequestId, found.RequestedModel, found.RouteReason, found.Cache, found.UpstreamMs));
        Assert.Equal(["github/gpt-4o-mini:rate_limited"], found.FailedCandidates);
        Assert.Equal((2, true, "openai", "gpt-4o-mini", "key-1", "platform"), (found.Attempts, found.Stream, found.Provider, found.Model, found.KeyId, found.Team));
        Assert.Equal((1_000L, 120, 30, 200, Now.AddDays(-30)), (found.CostMicros, found.InputTokens, found.OutputTokens, found.Status, found.At));
        // A row without an explanation (an older router) still says what the ledger knows.
        Assert.Equal(("hit", "", 0), (plain.Cache, plain.RouteReason, plain.FailedCandidates.Count));
    }

    [Fact]
    public async Task Decisions_NewestFirst_NarrowedByPrefixProviderKeyAndOutcome()
    {
        await IngestAsync(
            Usage("abc-1", Now.AddMinutes(-3)),
            Usage("abc-2", Now.AddMinutes(-2), provider: "gemini", status: 429, error: ErrorClass.RateLimited, apiKeyId: "key-2"),
            Usage("xyz-3", Now.AddMinutes(-1)));

        Assert.Equal(["xyz-3", "abc-2", "abc-1"], (await DecisionsAsync("")).Select(d => d.RequestId));
        Assert.Equal(["abc-2", "abc-1"], (await DecisionsAsync("requestId=abc")).Select(d => d.RequestId));
        Assert.Equal(["abc-2"], (await DecisionsAsync("provider=gemini")).Select(d => d.RequestId));
        Assert.Equal(["abc-2"], (await DecisionsAsync("keyId=key-2")).Select(d => d.RequestId));
        Assert.Equal(["abc-2"], (await DecisionsAsync("outcome=error")).Select(d => d.RequestId));
        Assert.Equal(["xyz-3", "abc-1"], (await DecisionsAsync("outcome=ok")).Select(d => d.RequestId));
        Assert.Equal(["xyz-3"], (await DecisionsAsync("limit=1")).Select(d => d.RequestId));
        Assert.Equal("rate_limited", (await DecisionsAsync("requestId=abc-2"))[0].ErrorClass);
        Assert.Empty(await DecisionsAsync($"from={Uri.EscapeDataString(Now.AddHours(-1).ToString("O"))}&to={Uri.EscapeDataString(Now.AddMinutes(-10).ToString("O"))}"));
    }

    [Fact]
    public async Task Decisions_AnOversizedOrHostileExplanation_IsStoredBounded_AsText()
    {
        // A caller-chosen model name: huge, with markup, a NUL and a lone surrogate (jsonb refuses both; the batch must not fail).
        var model = "<img src=x onerror=alert(1)>\u0000\ud800" + new string('m', 10_000);
        var candidates = Enumerable.Range(0, 50).Select(i => $"p{i}/{new string('c', 500)}:timeout").ToArray();
        await IngestAsync(Usage("req-big", Now.AddMinutes(-1), decision: new RoutingExplanation
        {
            RequestedModel = model, RouteReason = new string('r', 1_000), FailedCandidates = candidates, Cache = "<b>", UpstreamMs = -5,
        }));

        var stored = Assert.Single(await DecisionsAsync("requestId=req-big"));

        Assert.Equal(RoutingExplanation.MaxText, stored.RequestedModel!.Length);
        Assert.StartsWith("<img src=x onerror=alert(1)>\ufffd\ufffdmmm", stored.RequestedModel, StringComparison.Ordinal);
        Assert.Equal(RoutingExplanation.MaxText, stored.RouteReason.Length);
        Assert.Equal(RoutingExplanation.MaxCandidates, stored.FailedCandidates.Count);
        Assert.All(stored.FailedCandidates, c => Assert.Equal(RoutingExplanation.MaxText, c.Length));
        Assert.Equal(("bypass", 0.0), (stored.Cache, stored.UpstreamMs));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("outcome=maybe", "outcome")]
    [InlineData("from=yesterday", "from")]
    public async Task Decisions_InvalidQuery_Is422ProblemDetailsNamingTheField(string query, string field)
    {
        using var response = await _app.Client.GetAsync("/quota/decisions?" + query);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Decisions_ARequestIdLongerThanAnyId_Is422()
    {
        using var response = await _app.Client.GetAsync("/quota/decisions?requestId=" + new string('a', 201));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task Overview_SumsTheLast30MinutesOfTheWholeLedger()
    {
        // The window is the 30 whole minutes up to now's minute: [09:46, 10:16).
        await IngestAsync(
            Usage("o-1", Now.AddSeconds(-20), latencyMs: 100, costMicros: 2_000),             // 10:15
            Usage("o-2", Now.AddMinutes(-1), latencyMs: 300, status: 429, error: ErrorClass.RateLimited, costMicros: 0), // 10:14
            Usage("o-3", Now.AddMinutes(-1).AddSeconds(10), latencyMs: 200, cacheHit: true, costMicros: 0),          // 10:14
            Usage("o-4", Now.AddMinutes(-10), latencyMs: 50, status: 402, costMicros: 0),     // 10:05: refused, no class
            Usage("o-old", Now.AddMinutes(-31), latencyMs: 9_000));                           // 09:44: outside

        var overview = (await _app.Client.GetFromJsonAsync<ConsoleOverview>("/quota/overview"))!;

        Assert.Equal((new DateTimeOffset(2026, 12, 7, 9, 46, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 7, 10, 16, 0, TimeSpan.Zero)),
            (overview.From, overview.To));
        Assert.Equal((4L, 2L, 0.5, 1L, 0.25, 2_000L), (overview.Requests, overview.Errors, overview.ErrorRatio, overview.CacheHits, overview.CacheHitRatio, overview.CostMicros));
        Assert.Equal(new Dictionary<string, long> { ["rate_limited"] = 1, ["status_402"] = 1 }, overview.ErrorsByClass);
        Assert.Equal(300, overview.P95LatencyMs); // nearest rank: the 4th of 4
        Assert.Equal(ConsoleLedger.OverviewMinutes, overview.Series.Count);
        var last = overview.Series[^1];
        var previous = overview.Series[^2];
        Assert.Equal((Now.AddSeconds(-30), 1L, 0L, 100.0, 2_000L), (last.Minute, last.Requests, last.Errors, last.P95LatencyMs, last.CostMicros));
        Assert.Equal((2L, 1L, 300.0, 1L), (previous.Requests, previous.Errors, previous.P95LatencyMs, previous.CacheHits));
        Assert.Equal(4, overview.Series.Sum(p => p.Requests));
    }

    [Fact]
    public async Task Overview_WithoutTraffic_IsZeroes()
    {
        var overview = (await _app.Client.GetFromJsonAsync<ConsoleOverview>("/quota/overview"))!;

        Assert.Equal((0L, 0L, 0.0, 0.0), (overview.Requests, overview.Errors, overview.ErrorRatio, overview.P95LatencyMs));
        Assert.Empty(overview.ErrorsByClass);
        Assert.Equal(ConsoleLedger.OverviewMinutes, overview.Series.Count);
    }
}
