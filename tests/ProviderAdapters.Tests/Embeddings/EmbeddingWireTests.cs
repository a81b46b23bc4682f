using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Embeddings;
using Dapr.AiProvider.ProviderAdapters.Embeddings;
using Dapr.AiProvider.ProviderAdapters.Providers;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Embeddings;

/// <summary>Each embedding family's request and answer, byte for byte as the providers document them (sources in each family's summary).</summary>
public class EmbeddingWireTests
{
    private static EmbeddingCall Call(string family, string model, string baseUrl = "http://upstream.test/base/v1", int? dimensions = null)
    {
        var catalogModel = new CatalogModel { Id = "p/" + model, Provider = "p", Family = family, Model = model, Capabilities = ["embeddings"] };
        var account = new ProviderAccount("p", family, new Uri(baseUrl), null, new Dictionary<string, string>(), null,
            new Dictionary<string, CatalogModel> { [model] = catalogModel });
        var request = new AdapterEmbeddingRequest { Provider = "p", Model = model, Inputs = ["hello", "world"], Dimensions = dimensions, User = "u-7" };
        return new EmbeddingCall(account, catalogModel, request, "test-key");
    }

    private static async Task<JsonElement> BodyAsync(HttpRequestMessage message) =>
        JsonDocument.Parse(await message.Content!.ReadAsStringAsync()).RootElement.Clone();

    private static MemoryStream Stream(string json) => new(Encoding.UTF8.GetBytes(json));

    [Fact]
    public async Task OpenAi_Request_IsModelInputArrayDimensionsUserWithBearer()
    {
        using var message = new OpenAiEmbeddings().CreateRequest(Call("openai", "text-embedding-3-small", dimensions: 256));
        var body = await BodyAsync(message);

        Assert.Equal("http://upstream.test/base/v1/embeddings", message.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer test-key", message.Headers.Authorization!.ToString());
        Assert.Equal("text-embedding-3-small", body.GetProperty("model").GetString());
        Assert.Equal(["hello", "world"], body.GetProperty("input").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(256, body.GetProperty("dimensions").GetInt32());
        Assert.Equal("float", body.GetProperty("encoding_format").GetString());
        Assert.Equal("u-7", body.GetProperty("user").GetString());
    }

    [Fact]
    public async Task OpenAi_Answer_PutsEachVectorAtItsIndexAndReadsPromptTokens()
    {
        var wire = await new OpenAiEmbeddings().ReadAsync(Stream("""
            {"object":"list","data":[{"object":"embedding","index":1,"embedding":[0.5,-0.25]},
            {"object":"embedding","index":0,"embedding":[1,2]}],"model":"text-embedding-3-small","usage":{"prompt_tokens":4,"total_tokens":4}}
            """), Call("openai", "text-embedding-3-small"), CancellationToken.None);

        Assert.Equal([1f, 2f], wire.Vectors[0]);
        Assert.Equal([0.5f, -0.25f], wire.Vectors[1]);
        Assert.Equal(4, wire.PromptTokens);
    }

    [Fact]
    public async Task Gemini_Request_IsBatchEmbedContentsWithOneRequestPerInputAndTheKeyInAHeader()
    {
        using var message = new GeminiEmbeddings().CreateRequest(
            Call("gemini", "gemini-embedding-001", "https://generativelanguage.googleapis.com/v1beta", dimensions: 768));
        var body = await BodyAsync(message);

        Assert.Equal("https://generativelanguage.googleapis.com/v1beta/models/gemini-embedding-001:batchEmbedContents", message.RequestUri!.AbsoluteUri);
        Assert.Equal("test-key", message.Headers.GetValues("x-goog-api-key").Single());
        var requests = body.GetProperty("requests").EnumerateArray().ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal("models/gemini-embedding-001", requests[0].GetProperty("model").GetString());
        Assert.Equal("world", requests[1].GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString());
        Assert.Equal(768, requests[0].GetProperty("outputDimensionality").GetInt32());
    }

    [Fact]
    public async Task Gemini_Answer_VectorsInOrderWithoutTokenCount()
    {
        var wire = await new GeminiEmbeddings().ReadAsync(Stream("""{"embeddings":[{"values":[0.1,0.2]},{"values":[0.3,0.4]}]}"""),
            Call("gemini", "gemini-embedding-001"), CancellationToken.None);

        Assert.Equal([0.3f, 0.4f], wire.Vectors[1]);
        Assert.Null(wire.PromptTokens);
    }

    [Fact]
    public async Task HuggingFace_Request_GoesToHfInferenceFeatureExtractionBesideTheRouter()
    {
        using var message = new FeatureExtractionEmbeddings("huggingface").CreateRequest(
            Call("huggingface", "BAAI/bge-base-en-v1.5", "https://router.huggingface.co/v1"));
        var body = await BodyAsync(message);

        Assert.Equal("https://router.huggingface.co/hf-inference/models/BAAI/bge-base-en-v1.5/pipeline/feature-extraction", message.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer test-key", message.Headers.Authorization!.ToString());
        Assert.Equal(["hello", "world"], body.GetProperty("inputs").EnumerateArray().Select(e => e.GetString()));
        Assert.True(body.GetProperty("normalize").GetBoolean());
    }

    [Fact]
    public async Task Tei_Request_IsEmbedOnTheServer()
    {
        using var message = new FeatureExtractionEmbeddings("tgi").CreateRequest(Call("tgi", "tei", "http://127.0.0.1:8088"));

        Assert.Equal("http://127.0.0.1:8088/embed", message.RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task FeatureExtraction_Answer_IsOneArrayPerInput()
    {
        var wire = await new FeatureExtractionEmbeddings("huggingface").ReadAsync(Stream("[[1,0],[0,1]]"),
            Call("huggingface", "BAAI/bge-base-en-v1.5"), CancellationToken.None);

        Assert.Equal([0f, 1f], wire.Vectors[1]);
        Assert.Null(wire.PromptTokens);
    }

    [Theory]
    [InlineData("""{"data":[{"index":0,"embedding":"AAAA"}]}""")]
    [InlineData("""{"object":"list"}""")]
    [InlineData("""{"data":[{"index":5,"embedding":[1]}]}""")]
    public async Task OpenAi_UnreadableAnswer_IsAJsonException(string json)
    {
        await Assert.ThrowsAnyAsync<JsonException>(async () =>
            await new OpenAiEmbeddings().ReadAsync(Stream(json), Call("openai", "text-embedding-3-small"), CancellationToken.None));
    }

    [Theory]
    [InlineData("anthropic", false)]
    [InlineData("github-models", false)]
    [InlineData("openai-compatible", true)]
    [InlineData("gemini", true)]
    [InlineData("huggingface", true)]
    [InlineData("tgi", true)]
    public void Families_OnlyThoseWithAnEmbeddingApiHaveOne(string family, bool has) =>
        Assert.Equal(has, new EmbeddingFamilies().For(family) is not null);
}
