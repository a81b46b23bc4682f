using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Integration;

/// <summary>The catalog of 2026-12-06: retirements (by date, by the provider's word), free windows, limits learned from 429s.</summary>
[Trait("Category", "Process")]
public sealed class CatalogTodayTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly AdapterAppFactory _app = AdapterAppFactory.ForSimulator(simulator.Url);

    [Fact]
    public async Task Catalog_PastRetirementDates_ModelsLeftOutAndListedAsRetired()
    {
        var catalog = await CatalogAsync(_app);

        Assert.DoesNotContain(catalog.Models, m => m.Provider == "github-models" || m.Id == "anthropic/claude-sonnet-4-0");
        var github = Assert.Single(catalog.Retired, r => r.Id == "github-models/openai/gpt-4o-mini");
        Assert.Equal("retirement_date", github.Reason);
        Assert.Equal(new DateTimeOffset(2026, 7, 30, 0, 0, 0, TimeSpan.Zero), github.Since);
        Assert.Equal(new DateTimeOffset(2026, 6, 15, 0, 0, 0, TimeSpan.Zero), Assert.Single(catalog.Retired, r => r.Id == "anthropic/claude-sonnet-4-0").Since);
        Assert.Contains(catalog.Models, m => m.Id == "anthropic/claude-sonnet-5-5");
    }

    [Fact]
    public async Task Catalog_DayBeforeAndDayOfRetirement_ModelLeavesTheCatalogAtMidnightUtc()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 7, 29, 23, 59, 0, TimeSpan.Zero));
        using var app = new AdapterAppFactory(
            new Dictionary<string, string?> { ["AIPROVIDER_SIMULATOR_URL"] = simulator.Url, ["Logging:LogLevel:Default"] = "Warning" },
            services => services.AddSingleton<TimeProvider>(clock));

        Assert.Contains((await CatalogAsync(app)).Models, m => m.Id == "github-models/openai/gpt-4o-mini");
        clock.Advance(TimeSpan.FromMinutes(1));
        var after = await CatalogAsync(app);
        Assert.DoesNotContain(after.Models, m => m.Provider == "github-models");
        Assert.Contains(after.Retired, r => r.Id == "github-models/openai/gpt-4o-mini");
    }

    [Fact]
    public async Task Chat_RetiredProvider_Is424ModelRetiredWithoutCallingIt()
    {
        using var client = _app.CreateClient();
        var before = await SimulatorCountAsync("github", "openai/gpt-4o-mini");

        using var response = await AdapterCalls.PostAsync(client, AdapterCalls.Request("github-models", "openai/gpt-4o-mini", "hi"), stream: false);

        Assert.Equal(HttpStatusCode.FailedDependency, response.StatusCode);
        Assert.Equal("model_retired", Assert.Single(response.Headers.GetValues(AdapterRoutes.ErrorClassHeader)));
        var error = await AdapterCalls.ReadErrorAsync(response);
        Assert.Equal(ErrorClass.ModelRetired, error.Class);
        Assert.Equal(0, error.ProviderStatus);
        Assert.Equal(before, await SimulatorCountAsync("github", "openai/gpt-4o-mini"));
    }

    [Fact]
    public async Task Chat_ProviderSaysModelDecommissioned_RetiredFromCatalogAndNeverCalledAgain()
    {
        using var client = _app.CreateClient();
        using (var gone = await AdapterCalls.PostAsync(client, AdapterCalls.Request("groq", "llama-3.3-70b-versatile", "hi [[sim:fault=model_retired]]"), stream: true))
        {
            var error = await AdapterCalls.ReadErrorAsync(gone);
            Assert.Equal(ErrorClass.ModelRetired, error.Class);
            Assert.Equal(400, error.ProviderStatus);
        }
        var catalog = await CatalogAsync(_app);
        Assert.Equal("provider_gone", Assert.Single(catalog.Retired, r => r.Id == "groq/llama-3.3-70b-versatile").Reason);
        Assert.DoesNotContain(catalog.Models, m => m.Id == "groq/llama-3.3-70b-versatile");
        Assert.Contains(catalog.Models, m => m.Id == "groq/llama-3.1-8b-instant");

        var calls = await SimulatorCountAsync("groq", "llama-3.3-70b-versatile");
        using var again = await AdapterCalls.PostAsync(client, AdapterCalls.Request("groq", "llama-3.3-70b-versatile", "hi"), stream: false);
        Assert.Equal(ErrorClass.ModelRetired, (await AdapterCalls.ReadErrorAsync(again)).Class);
        Assert.Equal(calls, await SimulatorCountAsync("groq", "llama-3.3-70b-versatile"));
    }

    [Fact]
    public async Task Catalog_FreeWindows_PublishedFiguresWithSourceAndResetCalendar()
    {
        var catalog = await CatalogAsync(_app);

        var flash = Assert.Single(catalog.Models, m => m.Id == "gemini/gemini-2.5-flash").FreeWindows!;
        Assert.Equal((5L, 20L, 250_000L), (flash.RequestsPerMinute!.Value, flash.RequestsPerDay!.Value, flash.TokensPerMinute!.Value));
        Assert.Equal(("model", "America/Los_Angeles"), (flash.Scope, flash.ResetTimeZone));
        Assert.Equal(new DateOnly(2026, 12, 6), flash.CheckedOn);
        Assert.StartsWith("https://ai.google.dev/", flash.Source, StringComparison.Ordinal);
        Assert.Null(Assert.Single(catalog.Models, m => m.Id == "gemini/gemini-2.5-pro").FreeWindows);

        var openRouter = Assert.Single(catalog.Models, m => m.Provider == "openrouter").FreeWindows!;
        Assert.Equal(("account", "UTC", 20L, 50L), (openRouter.Scope, openRouter.ResetTimeZone, openRouter.RequestsPerMinute!.Value, openRouter.RequestsPerDay!.Value));
        var groq = Assert.Single(catalog.Models, m => m.Id == "groq/llama-3.1-8b-instant").FreeWindows!;
        Assert.Equal((30L, 14_400L, 6_000L, 500_000L), (groq.RequestsPerMinute!.Value, groq.RequestsPerDay!.Value, groq.TokensPerMinute!.Value, groq.TokensPerDay!.Value));
        // Every free Hugging Face model (chat and embeddings) spends the account's one monthly credit.
        Assert.All(catalog.Models.Where(m => m.Provider == "huggingface"), m => Assert.Equal(100_000, m.FreeWindows!.MonthlyCreditMicros));
        Assert.Equal(2, catalog.Models.Count(m => m.Provider == "huggingface"));
    }

    [Fact]
    public async Task Catalog_FreeWindowOverrides_ReplaceTheFieldsTheySet()
    {
        using var app = AdapterAppFactory.ForSimulator(simulator.Url,
            ("Providers:FreeWindowOverrides:openrouter:Rpd", "1000"),
            ("Providers:FreeWindowOverrides:gemini/gemini-2.5-flash:Rpm", "10"));
        var catalog = await CatalogAsync(app);

        var openRouter = Assert.Single(catalog.Models, m => m.Provider == "openrouter").FreeWindows!;
        Assert.Equal((20L, 1_000L), (openRouter.RequestsPerMinute!.Value, openRouter.RequestsPerDay!.Value));
        var flash = Assert.Single(catalog.Models, m => m.Id == "gemini/gemini-2.5-flash").FreeWindows!;
        Assert.Equal((10L, 20L), (flash.RequestsPerMinute!.Value, flash.RequestsPerDay!.Value));
    }

    [Fact]
    public async Task Chat_Groq429_ErrorCarriesTheLimitsItsHeadersStateInGroqsDialect()
    {
        using var client = _app.CreateClient();
        using var response = await AdapterCalls.PostAsync(client, AdapterCalls.Request("groq", "llama-3.1-8b-instant", "hi [[sim:fault=rate_limited]]"), stream: false);
        var error = await AdapterCalls.ReadErrorAsync(response);

        Assert.Equal(ErrorClass.RateLimited, error.Class);
        // Groq's x-ratelimit-limit-requests counts the day, x-ratelimit-limit-tokens the minute.
        Assert.Equal([("requests", QuotaWindowKind.Day, 14_400L), ("tokens", QuotaWindowKind.Minute, 6_000L)],
            error.LearnedLimits!.Select(l => (l.Metric, l.Window, l.Limit)));
    }

    [Fact]
    public async Task Chat_GeminiPerDayQuota_ErrorCarriesQuotaValueAsDailyRequestLimit()
    {
        using var client = _app.CreateClient();
        using var response = await AdapterCalls.PostAsync(client, AdapterCalls.Request("gemini", "gemini-2.5-flash", "hi [[sim:fault=quota_exhausted]]"), stream: false);
        var error = await AdapterCalls.ReadErrorAsync(response);

        Assert.Equal((ErrorClass.QuotaExhausted, QuotaWindowKind.Day), (error.Class, error.QuotaWindow!.Value));
        var learned = Assert.Single(error.LearnedLimits!);
        Assert.Equal(("requests", QuotaWindowKind.Day, 20L), (learned.Metric, learned.Window, learned.Limit));
    }

    [Fact]
    public async Task ModelListRefresh_ModelTheProviderNoLongerLists_IsRetiredAsNotListed()
    {
        // openai's 4th model, gpt-3.5-turbo, is not in the simulator's OpenAI model list.
        using var app = AdapterAppFactory.ForSimulator(simulator.Url,
            ("Providers:Accounts:0:Models:3:Model", "gpt-3.5-turbo"), ("Providers:Accounts:0:Models:3:FreeTier", "true"));
        Assert.Contains((await CatalogAsync(app)).Models, m => m.Id == "openai/gpt-3.5-turbo");

        await app.Services.GetRequiredService<Dapr.AiProvider.ProviderAdapters.Catalog.ModelListRefresh>().RefreshAsync(CancellationToken.None);

        var catalog = await CatalogAsync(app);
        Assert.Equal("not_listed", Assert.Single(catalog.Retired, r => r.Id == "openai/gpt-3.5-turbo").Reason);
        Assert.DoesNotContain(catalog.Retired, r => r.Reason == "not_listed" && r.Id != "openai/gpt-3.5-turbo");
        Assert.Contains(catalog.Models, m => m.Id == "openai/gpt-6-luna");
    }

    private static async Task<ModelCatalog> CatalogAsync(AdapterAppFactory app)
    {
        using var client = app.CreateClient();
        return (await client.GetFromJsonAsync("/" + AdapterRoutes.Catalog, ContractsJsonContext.Default.ModelCatalog))!;
    }

    private async Task<int> SimulatorCountAsync(string provider, string model)
    {
        using var http = new HttpClient();
        using var json = JsonDocument.Parse(await http.GetStringAsync(simulator.Url + "/_sim/requests"));
        return json.RootElement.GetProperty("providers").TryGetProperty(provider, out var p)
            && p.GetProperty("models").TryGetProperty(model, out var count) ? count.GetInt32() : 0;
    }

    public void Dispose() => _app.Dispose();
}
