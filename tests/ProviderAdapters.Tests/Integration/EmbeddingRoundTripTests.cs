using System.Net;
using System.Net.Http.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Embeddings;
using Dapr.AiProvider.ProviderAdapters.Tests.Adapters;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Integration;

/// <summary>Every embedding model of the catalog through <c>adapters/embeddings</c> against the real simulator.</summary>
[Trait("Category", "Process")]
public sealed class EmbeddingRoundTripTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly AdapterAppFactory _app = AdapterAppFactory.ForSimulator(simulator.Url);

    public static TheoryData<string, string, int> Models => new()
    {
        { "openai", "text-embedding-3-small", 1536 },
        { "openai", "text-embedding-3-large", 3072 },
        { "gemini", "gemini-embedding-001", 3072 },
        { "mistral", "mistral-embed", 1024 },
        { "cloudflare", "@cf/baai/bge-base-en-v1.5", 768 },
        { "huggingface", "BAAI/bge-base-en-v1.5", 768 },
    };

    private static AdapterEmbeddingRequest Request(string provider, string model, int? dimensions = null) => new()
    {
        RequestId = "req-" + Guid.NewGuid().ToString("N")[..8], Provider = provider, Model = model,
        Inputs = ["The quick brown fox", "jumps over the lazy dog", "The quick brown fox"], Dimensions = dimensions, CountedTokens = 17,
    };

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, AdapterEmbeddingRequest request) =>
        client.PostAsJsonAsync("/" + AdapterRoutes.Embeddings, request, ContractsJsonContext.Default.AdapterEmbeddingRequest);

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Embed_EachFamily_UnitVectorsPerInputSameTextSameVectorPriced(string provider, string model, int dimensions)
    {
        using var client = _app.CreateClient();

        using var response = await PostAsync(client, Request(provider, model));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync(ContractsJsonContext.Default.AdapterEmbeddingResult))!;
        Assert.Equal(3, result.Vectors.Count);
        Assert.All(result.Vectors, v => Assert.Equal(dimensions, v.Length));
        Assert.All(result.Vectors, v => Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 3));
        Assert.Equal(result.Vectors[0], result.Vectors[2]);
        Assert.NotEqual(result.Vectors[0], result.Vectors[1]);
        Assert.Equal(provider, result.Usage.Provider);
        // OpenAI-shaped answers carry the provider's own count; Gemini and Hugging Face send none, so the router's count is charged.
        var expectedTokens = provider is "gemini" or "huggingface" ? 17 : 16;
        Assert.Equal(expectedTokens, result.Usage.Tokens.InputTokens);
        Assert.Equal(ProviderAdapters.Pricing.CostCalculator.CostMicros(result.Usage.Tokens, TestCalls.Prices.Find(provider, model)), result.Usage.CostMicros);
    }

    [Fact]
    public async Task Embed_WithDimensions_ShortensTheVectors()
    {
        using var client = _app.CreateClient();

        using var openAi = await PostAsync(client, Request("openai", "text-embedding-3-small", 256));
        using var gemini = await PostAsync(client, Request("gemini", "gemini-embedding-001", 768));

        Assert.Equal(256, (await openAi.Content.ReadFromJsonAsync(ContractsJsonContext.Default.AdapterEmbeddingResult))!.Vectors[0].Length);
        Assert.Equal(768, (await gemini.Content.ReadFromJsonAsync(ContractsJsonContext.Default.AdapterEmbeddingResult))!.Vectors[0].Length);
    }

    [Theory]
    [InlineData("openai", "gpt-4o-mini")]
    [InlineData("anthropic", "claude-haiku-5-5")]
    public async Task Embed_ChatModel_Is424ModelNotFound(string provider, string model)
    {
        using var client = _app.CreateClient();

        using var response = await PostAsync(client, Request(provider, model));

        Assert.Equal(AdapterRoutes.AdapterErrorStatus, (int)response.StatusCode);
        Assert.Equal(ErrorClass.ModelNotFound, (await AdapterCalls.ReadErrorAsync(response)).Class);
    }

    [Fact]
    public async Task Embed_ProviderRateLimits_Is424RateLimitedWithRetryAt()
    {
        using var client = _app.CreateClient();
        using var control = new HttpClient { BaseAddress = new Uri(simulator.Url) };
        using var script = await control.PostAsJsonAsync("/_sim/faults", new { provider = "mistral", model = "mistral-embed", fault = "rate_limited", count = 1, retryAfterSeconds = 7 });
        Assert.True(script.IsSuccessStatusCode, await script.Content.ReadAsStringAsync());

        using var response = await PostAsync(client, Request("mistral", "mistral-embed"));

        Assert.Equal(AdapterRoutes.AdapterErrorStatus, (int)response.StatusCode);
        var error = await AdapterCalls.ReadErrorAsync(response);
        Assert.Equal(ErrorClass.RateLimited, error.Class);
        Assert.NotNull(error.RetryAt);
    }

    [Fact]
    public async Task Embed_EmptyInputs_Is400()
    {
        using var client = _app.CreateClient();

        using var response = await PostAsync(client, Request("openai", "text-embedding-3-small") with { Inputs = [] });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    public void Dispose() => _app.Dispose();
}
