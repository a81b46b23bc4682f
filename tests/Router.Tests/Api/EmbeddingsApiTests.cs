using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Tests.Fakes;
using OpenAI;
using OpenAI.Embeddings;

namespace Dapr.AiProvider.Router.Tests.Api;

/// <summary><c>POST /v1/embeddings</c> in memory, with the official OpenAI .NET SDK's <c>EmbeddingClient</c> and raw HTTP.</summary>
public class EmbeddingsApiTests
{
    /// <summary>The default test catalog plus embedding models: a free one that can shorten vectors, a paid one, and an alias served by two providers.</summary>
    private static RouterFactory Factory()
    {
        var factory = new RouterFactory();
        var catalog = TestCatalog.Default();
        catalog.Models =
        [
            .. catalog.Models,
            TestCatalog.Model("gemini", "gemini-embedding-001", free: true, input: 0, output: 0, context: 2048, capabilities: ["embeddings", "dimensions"]),
            TestCatalog.Model("openai", "text-embedding-3-small", input: 20_000, output: 0, context: 8191, capabilities: ["embeddings", "dimensions"],
                aliases: ["text-embedding-3-small"]),
            TestCatalog.Model("cloudflare", "bge-base-en-v1.5", free: true, input: 0, output: 0, context: 512, capabilities: ["embeddings"], aliases: ["bge"]),
            TestCatalog.Model("huggingface", "BAAI/bge-base-en-v1.5", free: true, input: 0, output: 0, context: 512, capabilities: ["embeddings"], aliases: ["bge"]),
        ];
        factory.Backend.Catalog = catalog;
        return factory;
    }

    private static EmbeddingClient Client(RouterFactory factory, string model, string key = RouterFactory.Key) =>
        new(model, new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = new Uri(factory.Server.BaseAddress, "/v1"),
            Transport = new HttpClientPipelineTransport(factory.CreateClient()),
        });

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    [Fact]
    public async Task GenerateEmbeddings_OpenAiSdk_GetsOneVectorPerInputInOrder()
    {
        using var factory = Factory();
        factory.Embeddings.CostMicros["openai/text-embedding-3-small"] = 7;

        OpenAIEmbeddingCollection result = await Client(factory, "openai/text-embedding-3-small").GenerateEmbeddingsAsync(["first", "second one"]);

        Assert.Equal(2, result.Count);
        Assert.Equal([1f, 5f, 0.5f], result[0].ToFloats().ToArray());
        Assert.Equal([2f, 10f, 0.5f], result[1].ToFloats().ToArray());
        Assert.Equal(1, result[1].Index);
        Assert.Equal("openai/text-embedding-3-small", result.Model);
        Assert.Equal(6, result.Usage.InputTokenCount);
        Assert.Equal(6, result.Usage.TotalTokenCount);
        var call = Assert.Single(factory.Embeddings.Calls);
        Assert.Equal(["first", "second one"], call.Inputs);
        Assert.True(call.CountedTokens > 0);
    }

    [Fact]
    public async Task GenerateEmbedding_OpenAiSdkWithDimensions_PassesThemToTheProvider()
    {
        using var factory = Factory();

        OpenAIEmbedding embedding = await Client(factory, "openai/text-embedding-3-small")
            .GenerateEmbeddingAsync("hello", new EmbeddingGenerationOptions { Dimensions = 5 });

        Assert.Equal(5, embedding.ToFloats().Length);
        Assert.Equal(5, Assert.Single(factory.Embeddings.Calls).Dimensions);
    }

    [Fact]
    public async Task Embeddings_Float_AnswersOpenAiShapeWithDecisionHeadersAndUsage()
    {
        using var factory = Factory();
        factory.Embeddings.CostMicros["openai/text-embedding-3-small"] = 12;
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/embeddings",
            Json("""{"model":"text-embedding-3-small","input":"abc","encoding_format":"float","user":"u-1"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        Assert.Equal("list", root.GetProperty("object").GetString());
        var item = Assert.Single(root.GetProperty("data").EnumerateArray().ToList());
        Assert.Equal("embedding", item.GetProperty("object").GetString());
        Assert.Equal(0, item.GetProperty("index").GetInt32());
        Assert.Equal([1f, 3f, 0.5f], item.GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()).ToArray());
        Assert.Equal("openai/text-embedding-3-small", root.GetProperty("model").GetString());
        Assert.Equal(3, root.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(3, root.GetProperty("usage").GetProperty("total_tokens").GetInt32());
        Assert.Equal("openai", Header(response, "x-aiprovider-provider"));
        Assert.Equal("text-embedding-3-small", Header(response, "x-aiprovider-model"));
        Assert.Equal("0.000012", Header(response, "x-aiprovider-cost-usd"));
        Assert.Equal("MISS", Header(response, "x-aiprovider-cache"));
        Assert.Equal("u-1", Assert.Single(factory.Embeddings.Calls).User);

        var usage = await factory.Usage.WaitForAsync(Header(response, "x-aiprovider-request-id"), TimeSpan.FromSeconds(5));
        Assert.Equal("embeddings", usage.TaskType);
        Assert.Equal("openai", usage.Provider);
        Assert.Equal("text-embedding-3-small", usage.Model);
        Assert.Equal(3, usage.Tokens.InputTokens);
        Assert.Equal(12, usage.CostMicros);
        Assert.Equal(200, usage.Status);
        Assert.False(usage.Stream);
    }

    [Fact]
    public async Task Embeddings_Base64_IsLittleEndianFloat32()
    {
        using var factory = Factory();
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/embeddings",
            Json("""{"model":"gemini/gemini-embedding-001","input":["ab"],"encoding_format":"base64"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var bytes = Convert.FromBase64String(body.RootElement.GetProperty("data")[0].GetProperty("embedding").GetString()!);
        Assert.Equal(12, bytes.Length);
        Assert.Equal([1f, 2f, 0.5f], [BitConverter.ToSingle(bytes, 0), BitConverter.ToSingle(bytes, 4), BitConverter.ToSingle(bytes, 8)]);
    }

    [Fact]
    public async Task Embeddings_RouteOrAlias_FreeModelFirst()
    {
        using var factory = Factory();
        using var client = factory.Authed();

        using var routed = await client.PostAsync("/v1/embeddings", Json("""{"model":"auto","input":"x","dimensions":4}"""));
        using var aliased = await client.PostAsync("/v1/embeddings", Json("""{"model":"bge","input":"x"}"""));

        Assert.Equal(HttpStatusCode.OK, routed.StatusCode);
        Assert.Equal("gemini", Header(routed, "x-aiprovider-provider"));
        Assert.Contains("route=auto", Header(routed, "x-aiprovider-route-reason"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, aliased.StatusCode);
        Assert.Contains(Header(aliased, "x-aiprovider-provider"), new[] { "cloudflare", "huggingface" });
        Assert.DoesNotContain(factory.Backend.Calls, c => true); // no chat call for an embedding request
    }

    [Fact]
    public async Task Embeddings_FreeModelsRateLimited_FailOverToThePaidOneAndSayWhy()
    {
        using var factory = Factory();
        factory.Embeddings.Fail("cloudflare/bge-base-en-v1.5", ErrorClass.RateLimited);
        factory.Embeddings.Fail("huggingface/BAAI/bge-base-en-v1.5", ErrorClass.RateLimited);
        factory.Embeddings.Fail("gemini/gemini-embedding-001", ErrorClass.QuotaExhausted);
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/embeddings", Json("""{"model":"auto","input":"x"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("openai", Header(response, "x-aiprovider-provider"));
        Assert.Equal("4", Header(response, "x-aiprovider-attempts"));
        var fallbacks = Header(response, "x-aiprovider-fallbacks").Split(',');
        Assert.Equal(3, fallbacks.Length);
        Assert.Contains("cloudflare/bge-base-en-v1.5:rate_limited", fallbacks);
        Assert.Contains("huggingface/BAAI/bge-base-en-v1.5:rate_limited", fallbacks);
        Assert.Contains("gemini/gemini-embedding-001:quota_exhausted", fallbacks);
    }

    [Fact]
    public async Task Embeddings_SameInputAgain_IsACacheHitThatCostsNothing()
    {
        using var factory = Factory();
        factory.Embeddings.CostMicros["openai/text-embedding-3-small"] = 9;
        using var client = factory.Authed();
        const string Body = """{"model":"openai/text-embedding-3-small","input":["a","b"],"dimensions":4}""";

        using var first = await client.PostAsync("/v1/embeddings", Json(Body));
        using var second = await client.PostAsync("/v1/embeddings", Json(Body.Replace("}", ""","encoding_format":"base64"}""", StringComparison.Ordinal)));
        using var other = await client.PostAsync("/v1/embeddings", Json(Body.Replace("4", "8", StringComparison.Ordinal)));

        Assert.Equal("MISS", Header(first, "x-aiprovider-cache"));
        Assert.Equal("HIT", Header(second, "x-aiprovider-cache"));
        Assert.Equal("0", Header(second, "x-aiprovider-cost-usd"));
        Assert.Equal("openai", Header(second, "x-aiprovider-provider"));
        Assert.Equal("MISS", Header(other, "x-aiprovider-cache"));
        Assert.Equal(2, factory.Embeddings.Calls.Count);
        using var cached = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal(16, Convert.FromBase64String(cached.RootElement.GetProperty("data")[1].GetProperty("embedding").GetString()!).Length);
        var usage = await factory.Usage.WaitForAsync(Header(second, "x-aiprovider-request-id"), TimeSpan.FromSeconds(5));
        Assert.True(usage.CacheHit);
        Assert.Equal(0, usage.CostMicros);
    }

    /// <summary>Embeddings run the one pipeline, so a free tier's window is reserved before its provider is asked, as for chat.</summary>
    [Fact]
    public async Task Embeddings_FreeWindowSpent_SkippedWithoutCallingAndSaysWhy()
    {
        using var factory = new RouterFactory();
        factory.Backend.Catalog = new ModelCatalog
        {
            Version = "embedding-windows",
            Models =
            [
                TestCatalog.Model("gemini", "gemini-embedding-001", free: true, input: 0, output: 0, context: 2048, capabilities: ["embeddings"],
                    aliases: ["embed"]) with
                {
                    FreeWindows = new FreeTierWindows { RequestsPerMinute = 1, RequestsPerDay = 1_000, Scope = "model", ResetTimeZone = "UTC" },
                },
                TestCatalog.Model("openai", "text-embedding-3-small", input: 20_000, output: 0, context: 8191, capabilities: ["embeddings"],
                    aliases: ["embed"]),
            ],
        };
        factory.Leases.RequestWindows["provider:gemini:gemini-embedding-001"] = (1, 1);
        using var client = factory.Authed();

        using var first = await client.PostAsync("/v1/embeddings", Json("""{"model":"embed","input":"one"}"""));
        using var second = await client.PostAsync("/v1/embeddings", Json("""{"model":"embed","input":"two"}"""));

        Assert.Equal("gemini", Header(first, "x-aiprovider-provider"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("openai", Header(second, "x-aiprovider-provider"));
        Assert.Equal("1", Header(second, "x-aiprovider-attempts")); // the spent window was never sent a request
        Assert.Equal("gemini/gemini-embedding-001:free_window_exhausted", Header(second, "x-aiprovider-fallbacks"));
        Assert.Equal(1, factory.Embeddings.Calls.Count(c => c.Provider == "gemini"));
    }

    [Fact]
    public async Task Embeddings_CacheStoreDown_StillAnswers()
    {
        using var factory = Factory();
        factory.EmbeddingCache.Unavailable = true;
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/embeddings", Json("""{"model":"bge","input":"x"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"input":"x"}""", "model")]
    [InlineData("""{"model":"bge"}""", "input")]
    [InlineData("""{"model":"bge","input":""}""", "input")]
    [InlineData("""{"model":"bge","input":[]}""", "input")]
    [InlineData("""{"model":"bge","input":[1,2,3]}""", "input")]
    [InlineData("""{"model":"bge","input":{"text":"x"}}""", "input")]
    [InlineData("""{"model":"bge","input":"x","encoding_format":"int8"}""", "encoding_format")]
    [InlineData("""{"model":"bge","input":"x","dimensions":0}""", "dimensions")]
    public async Task Embeddings_BadInput_Is400InOpenAiShape(string json, string param)
    {
        using var factory = Factory();
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/embeddings", Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Empty(factory.Embeddings.Calls);
    }

    [Fact]
    public async Task Embeddings_DimensionsOnAModelThatCannotShorten_Is422NoCapableModel()
    {
        using var factory = Factory();
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/embeddings", Json("""{"model":"bge","input":"x","dimensions":64}"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("no_capable_model", body.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("lacks capability 'dimensions'", body.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embeddings_ChatModelNamed_Is422AndChatNeverRoutesToEmbeddingModels()
    {
        using var factory = Factory();
        using var client = factory.Authed();

        using var embedWithChat = await client.PostAsync("/v1/embeddings", Json("""{"model":"openai/gpt-4o","input":"x"}"""));
        using var chatWithEmbed = await client.PostAsync("/v1/chat/completions",
            Json("""{"model":"gemini/gemini-embedding-001","messages":[{"role":"user","content":"hi"}]}"""));
        using var chatAuto = await client.PostAsync("/v1/chat/completions", Json("""{"model":"free","messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, embedWithChat.StatusCode);
        Assert.Contains("is not an embedding model", await embedWithChat.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, chatWithEmbed.StatusCode);
        Assert.Contains("is an embedding model", await chatWithEmbed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, chatAuto.StatusCode);
        Assert.Equal("github", Header(chatAuto, "x-aiprovider-provider"));
        Assert.Empty(factory.Embeddings.Calls);
    }

    [Fact]
    public async Task GenerateEmbeddings_WrongKey_IsTheSdks401()
    {
        using var factory = Factory();

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client(factory, "bge", key: "wrong-key").GenerateEmbeddingsAsync(["x"]));

        Assert.Equal(401, error.Status);
        Assert.Empty(factory.Embeddings.Calls);
    }

    [Fact]
    public async Task Embeddings_KeyBudgetExhausted_Is429WithoutCallingAProvider()
    {
        using var factory = Factory();
        factory.Leases.CostLeft["key:bootstrap"] = 0;
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/embeddings", Json("""{"model":"openai/text-embedding-3-small","input":"x"}"""));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Empty(factory.Embeddings.Calls);
    }
}
