using System.Net;
using System.Net.Http.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.ProviderAdapters.Secrets;
using Microsoft.Extensions.DependencyInjection;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Integration;

[Trait("Category", "Process")]
public sealed class CatalogAndValidationTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly AdapterAppFactory _app = AdapterAppFactory.ForSimulator(simulator.Url);

    [Fact]
    public async Task Catalog_SimulatorMode_ListsEveryDefaultProviderWithPrices()
    {
        using var client = _app.CreateClient();
        var catalog = await client.GetFromJsonAsync("/" + AdapterRoutes.Catalog, ContractsJsonContext.Default.ModelCatalog);
        Assert.NotNull(catalog);
        Assert.Equal(["anthropic", "cerebras", "cloudflare", "gemini", "groq", "huggingface", "mistral", "ollama", "openai", "openrouter", "tgi"],
            catalog.Models.Select(m => m.Provider).Distinct().Order(StringComparer.Ordinal));
        var mini = Assert.Single(catalog.Models, m => m.Id == "openai/gpt-4o-mini");
        Assert.Equal(150_000, mini.Price.InputPerMTokMicros);
        Assert.Equal(600_000, mini.Price.OutputPerMTokMicros);
        Assert.False(mini.FreeTier);
        Assert.Equal(["chat", "stream", "tools", "vision", "json", "code"], mini.Capabilities);
        Assert.True(catalog.Models.Single(m => m.Id == "gemini/gemini-2.5-flash").FreeTier);
        Assert.StartsWith("2026-12-06-", catalog.Version, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalog_RealModeWithOneKey_ListsOnlyThatProvider()
    {
        using var app = new AdapterAppFactory(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" },
            services => services.AddSingleton<IProviderKeySource>(new ConfigKeySource(new Dictionary<string, string> { ["anthropic-api-key"] = "k" }, null)));
        using var client = app.CreateClient();
        var catalog = await client.GetFromJsonAsync("/" + AdapterRoutes.Catalog, ContractsJsonContext.Default.ModelCatalog);
        Assert.Equal(["anthropic"], catalog!.Models.Select(m => m.Provider).Distinct());
    }

    [Fact]
    public async Task Chat_ProviderWithoutKey_Is424KeyInvalidWithoutCallingIt()
    {
        using var app = new AdapterAppFactory(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" },
            services => services.AddSingleton<IProviderKeySource>(new ConfigKeySource(new Dictionary<string, string>(), null)));
        using var client = app.CreateClient();
        using var response = await AdapterCalls.PostAsync(client, AdapterCalls.Request("openai", "gpt-4o-mini", "hi"), stream: false);
        Assert.Equal(HttpStatusCode.FailedDependency, response.StatusCode);
        Assert.Equal(ErrorClass.KeyInvalid, (await AdapterCalls.ReadErrorAsync(response)).Class);
    }

    [Fact]
    public async Task Chat_WrongKey_ProviderRejectsItAsKeyInvalid()
    {
        using var app = AdapterAppFactory.ForSimulator(simulator.Url, ("ProviderKeys:openai-api-key", "sk-wrong"));
        using var client = app.CreateClient();
        using var response = await AdapterCalls.PostAsync(client, AdapterCalls.Request("openai", "gpt-4o-mini", "hi"), stream: false);
        var error = await AdapterCalls.ReadErrorAsync(response);
        Assert.Equal(ErrorClass.KeyInvalid, error.Class);
        Assert.Equal(401, error.ProviderStatus);
        Assert.DoesNotContain("sk-wrong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_UnknownModel_Is424ModelNotFound()
    {
        using var client = _app.CreateClient();
        using var response = await AdapterCalls.PostAsync(client, AdapterCalls.Request("openai", "gpt-nope", "hi"), stream: true);
        Assert.Equal(HttpStatusCode.FailedDependency, response.StatusCode);
        Assert.Equal(ErrorClass.ModelNotFound, (await AdapterCalls.ReadErrorAsync(response)).Class);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"provider":"openai","model":"gpt-4o-mini","request":{"messages":[]}}""")]
    [InlineData("""{"provider":"","model":"gpt-4o-mini","request":{"messages":[{"role":"user","content":"hi"}]}}""")]
    [InlineData("""{"provider":"openai","model":"gpt-4o-mini","request":{"messages":[{"role":"wizard","content":"hi"}]}}""")]
    public async Task Chat_BadInput_Is400ProblemDetails(string body)
    {
        using var client = _app.CreateClient();
        foreach (var route in new[] { AdapterRoutes.Chat, AdapterRoutes.ChatStream })
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            using var response = await client.PostAsync("/" + route, content);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    public void Dispose() => _app.Dispose();
}
