using System.Net;
using System.Net.Http.Json;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Quota.Actors;
using Dapr.AiProvider.Quota.Api;
using Dapr.AiProvider.Quota.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Dapr.AiProvider.Quota.Tests.Api;

/// <summary><c>GET /quota/windows</c>: several provider-window scopes' actor statuses in one read (the console's headroom).</summary>
[Trait("Category", "Process")]
public sealed class WindowsApiTests : IAsyncLifetime
{
    // A model id with a '/' and a ':' (OpenRouter's): it must reach its actor intact.
    private const string Llama = "provider:openrouter:meta-llama/llama-3.2-3b-instruct:free";
    private readonly FakeQuotaActors _actors = new();
    private QuotaAppSession _app = null!;

    public async Task InitializeAsync() =>
        _app = await QuotaAppSession.StartAsync(b => b.ConfigureTestServices(s => s.AddSingleton<IQuotaActorClient>(_actors)));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Windows_AnswersEachScopesActorStatus_InTheOrderAsked()
    {
        await _actors.For(Llama).SetLimitsAsync(new QuotaLimits { Rules = [new QuotaRule { Metric = QuotaMetric.Requests, Period = QuotaPeriod.Day, Limit = 50 }] });

        using var response = await _app.Client.GetAsync($"/quota/windows?scope={Uri.EscapeDataString(Llama)}&scope=provider:gemini&scope={Uri.EscapeDataString(Llama)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<WindowsReport>())!;
        var statuses = report.Statuses;
        Assert.Empty(report.Unavailable);
        Assert.Equal([Llama, "provider:gemini"], statuses.Select(s => s.Scope));
        Assert.Equal(50, Assert.Single(statuses[0].Windows).Rule.Limit);
        Assert.Empty(statuses[1].Windows);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?scope=key:k1")]
    [InlineData("?scope=global")]
    [InlineData("?scope=provider:gemini&scope=team:ops")]
    public async Task Windows_NoScopeOrOneThatIsNoProviderWindow_Is422(string query)
    {
        using var response = await _app.Client.GetAsync("/quota/windows" + query);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Empty(_actors.Actors);
    }

    [Fact]
    public async Task Windows_AnActorThatCannotBeRead_IsListedUnavailable_TheOthersAnswer()
    {
        _actors.Failing.Add("provider:groq:llama");

        using var response = await _app.Client.GetAsync("/quota/windows?scope=provider:gemini&scope=provider:groq:llama");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<WindowsReport>())!;
        Assert.Equal(["provider:gemini"], report.Statuses.Select(s => s.Scope));
        Assert.Equal(["provider:groq:llama"], report.Unavailable);
    }
}
