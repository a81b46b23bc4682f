using System.Net;
using System.Text.Json;

namespace Dapr.AiProvider.ProviderSimulator.Tests.Embeddings;

/// <summary>Deterministic embedding vectors in each provider's dialect, with its auth and its errors.</summary>
[Trait("Category", "Process")]
public sealed class EmbeddingDialectTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private static float[] Floats(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetSingle())];

    private static double Norm(float[] vector) => Math.Sqrt(vector.Sum(v => (double)v * v));

    [Fact]
    public async Task OpenAi_Embeddings_SameTextSameUnitVectorInOrderWithUsage()
    {
        using var client = sim.Bearer();

        using var first = await client.PostJsonAsync("/openai/v1/embeddings", """{"model":"text-embedding-3-small","input":["alpha","beta"]}""");
        using var again = await client.PostJsonAsync("/openai/v1/embeddings", """{"model":"text-embedding-3-small","input":"beta"}""");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var body = await first.JsonAsync();
        Assert.Equal("list", body.GetProperty("object").GetString());
        var data = body.GetProperty("data");
        Assert.Equal(1, data[1].GetProperty("index").GetInt32());
        var alpha = Floats(data[0].GetProperty("embedding"));
        var beta = Floats(data[1].GetProperty("embedding"));
        Assert.Equal(1536, alpha.Length);
        Assert.Equal(1.0, Norm(alpha), 4);
        Assert.NotEqual(alpha, beta);
        Assert.Equal(beta, Floats((await again.JsonAsync()).GetProperty("data")[0].GetProperty("embedding")));
        Assert.Equal(3, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task OpenAi_Embeddings_WrongKeyIsOpenAis401AndDimensionsShorten()
    {
        using var wrong = sim.Bearer("nope");
        using var client = sim.Bearer();

        using var denied = await wrong.PostJsonAsync("/openai/v1/embeddings", """{"model":"text-embedding-3-small","input":"x"}""");
        using var shortened = await client.PostJsonAsync("/openai/v1/embeddings", """{"model":"text-embedding-3-small","input":"x","dimensions":64}""");

        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Equal("invalid_api_key", (await denied.JsonAsync()).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(64, (await shortened.JsonAsync()).GetProperty("data")[0].GetProperty("embedding").GetArrayLength());
    }

    [Fact]
    public async Task Gemini_BatchEmbedContents_OneEmbeddingPerRequest()
    {
        using var client = sim.CreateClient();
        var headers = new Dictionary<string, string> { ["x-goog-api-key"] = SimulatorFixture.Key };

        using var response = await client.PostJsonAsync("/gemini/v1beta/models/gemini-embedding-001:batchEmbedContents", """
            {"requests":[{"model":"models/gemini-embedding-001","content":{"parts":[{"text":"a"}]},"outputDimensionality":768},
                         {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"b"}]},"outputDimensionality":768}]}
            """, headers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var embeddings = (await response.JsonAsync()).GetProperty("embeddings");
        Assert.Equal(2, embeddings.GetArrayLength());
        Assert.Equal(768, embeddings[1].GetProperty("values").GetArrayLength());
    }

    [Fact]
    public async Task HuggingFaceAndTei_FeatureExtraction_NestedArrays()
    {
        using var client = sim.Bearer();

        using var hf = await client.PostJsonAsync("/huggingface/hf-inference/models/BAAI/bge-base-en-v1.5/pipeline/feature-extraction",
            """{"inputs":["a","b","c"],"normalize":true}""");
        using var tei = await client.PostJsonAsync("/tgi/embed", """{"inputs":"a"}""");

        Assert.Equal(HttpStatusCode.OK, hf.StatusCode);
        var vectors = await hf.JsonAsync();
        Assert.Equal(3, vectors.GetArrayLength());
        Assert.Equal(768, vectors[0].GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, tei.StatusCode);
        Assert.Equal(1, (await tei.JsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task Presets_Embeddings_ScriptedRateLimitIsTheProvidersOwn429()
    {
        await sim.ResetAsync();
        using var client = sim.Bearer();
        await client.AddFaultAsync("mistral", "rate_limited", model: "mistral-embed", retryAfterSeconds: 3);

        using var limited = await client.PostJsonAsync("/mistral/v1/embeddings", """{"model":"mistral-embed","input":"x"}""");
        using var next = await client.PostJsonAsync("/mistral/v1/embeddings", """{"model":"mistral-embed","input":"x"}""");
        using var bad = await client.PostJsonAsync("/mistral/v1/embeddings", """{"model":"mistral-embed"}""");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(1024, (await next.JsonAsync()).GetProperty("data")[0].GetProperty("embedding").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
