using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Quota.Actors;
using Dapr.AiProvider.Quota.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Dapr.AiProvider.Quota.Tests.Api;

[Trait("Category", "Process")]
public sealed class QuotaApiTests : IAsyncLifetime
{
    private readonly FakeQuotaActors _actors = new();
    private QuotaAppSession _app = null!;

    public async Task InitializeAsync()
    {
        _app = await QuotaAppSession.StartAsync(b => b.ConfigureTestServices(s => s.AddSingleton<IQuotaActorClient>(_actors)));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task PutLimits_ValidBody_SetsActorLimitsAndReturnsStatus()
    {
        var body = """{"rules":[{"metric":"requests","period":"day","limit":1500,"timeZone":"America/Los_Angeles"},{"metric":"cost","period":"month","limit":5000000,"hard":false}]}""";

        var response = await _app.Client.PutAsync("/quota/limits/provider:gemini", Json(body));

        Assert.True(HttpStatusCode.OK == response.StatusCode, await response.Content.ReadAsStringAsync());
        var limits = _actors.Actors["provider:gemini"].Limits!;
        Assert.Equal(2, limits.Rules.Count);
        Assert.Equal(QuotaMetric.CostMicros, limits.Rules[1].Metric);
        Assert.False(limits.Rules[1].Hard);
        Assert.True(limits.Rules[0].Hard);            // omitted: hard by default
        Assert.Equal("UTC", limits.Rules[1].TimeZone); // omitted: UTC by default
        var status = await response.Content.ReadFromJsonAsync<QuotaStatus>();
        Assert.Equal("provider:gemini", status!.Scope);
        Assert.Equal(1500, status.Windows[0].Rule.Limit);
    }

    /// <summary>Issue 18.8: a mesh app admitted by its Dapr identity has its own budget scope.</summary>
    [Fact]
    public async Task PutLimits_AppScope_SetsThatAppsLimits()
    {
        var response = await _app.Client.PutAsync("/quota/limits/app:agent-qa", Json("""{"rules":[{"metric":"cost","period":"day","limit":2000000}]}"""));

        Assert.True(HttpStatusCode.OK == response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal(2_000_000, _actors.Actors["app:agent-qa"].Limits!.Rules.Single().Limit);
    }

    [Fact]
    public async Task PutLimits_UnknownTimeZoneAndNegativeLimit_Returns422ListingEachProblem()
    {
        var body = """{"rules":[{"metric":"requests","period":"day","limit":-1,"timeZone":"Nowhere/Land"}],"alertThresholds":[0]}""";

        var response = await _app.Client.PutAsync("/quota/limits/key:k1", Json(body));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Equal(2, errors.GetProperty("rules[0]").GetArrayLength());
        Assert.True(errors.TryGetProperty("alertThresholds", out _));
        Assert.False(_actors.Actors.ContainsKey("key:k1"));
    }

    [Fact]
    public async Task PutLimits_MalformedJson_Returns400Problem()
    {
        var response = await _app.Client.PutAsync("/quota/limits/key:k1", Json("{\"rules\": [oops"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("tenant:acme")]
    [InlineData("key:")]
    [InlineData("provider:a b")]
    public async Task GetStatus_InvalidScope_Returns400Problem(string scope)
    {
        var response = await _app.Client.GetAsync("/quota/status/" + Uri.EscapeDataString(scope));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GetStatus_SidecarUnreachable_Returns503Problem()
    {
        _actors.Unreachable = true;

        var response = await _app.Client.GetAsync("/quota/status/global");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.DoesNotContain("HttpRequestException", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PostBench_ValidBody_BenchesTheScope()
    {
        var until = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

        var response = await _app.Client.PostAsJsonAsync("/quota/bench/provider:gemini", new BenchRequest { Until = until, Reason = "quota_exhausted" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(until, _actors.Actors["provider:gemini"].Bench!.Until);
        Assert.Equal(until, (await response.Content.ReadFromJsonAsync<QuotaStatus>())!.BenchedUntil);
    }

    [Fact]
    public async Task PostBench_MissingUntil_Returns422()
    {
        var response = await _app.Client.PostAsync("/quota/bench/provider:gemini", Json("""{"reason":"x"}"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task GetDaprConfig_Always_RegistersQuotaActor()
    {
        using var config = JsonDocument.Parse(await _app.Client.GetStringAsync("/dapr/config"));

        Assert.Contains(config.RootElement.GetProperty("entities").EnumerateArray(), e => e.GetString() == "QuotaActor");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
