using System.ClientModel;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Dapr.AiProvider.Client.Tests.Unit;

/// <summary>The embedding generator (Microsoft.Extensions.AI.OpenAI + the decision capture) against an in-memory gateway.</summary>
public sealed class AiProviderEmbeddingGeneratorTests
{
    private static readonly Uri Gateway = new("http://gateway.test:8080");

    /// <summary>OpenAI's answer as the gateway sends it, with each vector as base64 little-endian float32 (the SDK asks for base64).</summary>
    private static FakeGateway Embeddings(HttpStatusCode status = HttpStatusCode.OK)
    {
        static string Base64(params float[] values) => Convert.ToBase64String(values.SelectMany(BitConverter.GetBytes).ToArray());
        var body = status == HttpStatusCode.OK
            ? $$$"""
              {"object":"list","data":[{"object":"embedding","index":0,"embedding":"{{{Base64(1f, 0f, 0.5f)}}}"},
              {"object":"embedding","index":1,"embedding":"{{{Base64(0f, 1f, -0.5f)}}}"}],
              "model":"openai/text-embedding-3-small","usage":{"prompt_tokens":6,"total_tokens":6}}
              """
            : """{"error":{"message":"Invalid API key.","type":"authentication_error","param":null,"code":"invalid_api_key"}}""";
        return new FakeGateway(body, "application/json", GatewayDecisionTests.FullHeaders(), status);
    }

    private static AiProviderChatClientOptions Options() =>
        new() { Endpoint = Gateway, ApiKey = "aip_test_key", Model = "openai/text-embedding-3-small" };

    [Fact]
    public async Task GenerateAsync_VectorsUsageAndDecisionOnTheBatchAndEachEmbedding()
    {
        var gateway = Embeddings();
        using var http = new HttpClient(gateway);
        using var generator = AiProviderEmbeddingGenerator.Create(Options(), http);

        var embeddings = await generator.GenerateAsync(["first", "second"], new EmbeddingGenerationOptions { Dimensions = 3 });

        Assert.Equal(2, embeddings.Count);
        Assert.Equal([1f, 0f, 0.5f], embeddings[0].Vector.ToArray());
        Assert.Equal([0f, 1f, -0.5f], embeddings[1].Vector.ToArray());
        Assert.Equal(6, embeddings.Usage?.InputTokenCount);
        var decision = embeddings.GetGatewayDecision();
        Assert.NotNull(decision);
        Assert.Equal("req-123", decision.RequestId);
        Assert.Equal("openai", decision.Provider);
        Assert.Equal(0.000012m, decision.CostUsd);
        Assert.Same(decision, embeddings[1].GetGatewayDecision());

        var request = Assert.Single(gateway.Requests);
        Assert.Equal(new Uri("http://gateway.test:8080/v1/embeddings"), request.RequestUri);
        Assert.Equal("aip_test_key", request.Headers.Authorization?.Parameter);
        using var body = JsonDocument.Parse(gateway.RequestBodies[0]);
        Assert.Equal("openai/text-embedding-3-small", body.RootElement.GetProperty("model").GetString());
        Assert.Equal(["first", "second"], body.RootElement.GetProperty("input").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3, body.RootElement.GetProperty("dimensions").GetInt32());
    }

    [Fact]
    public async Task GenerateAsync_WrongKey_ThrowsTheSdksErrorWithTheDecision()
    {
        using var http = new HttpClient(Embeddings(HttpStatusCode.Unauthorized));
        using var generator = AiProviderEmbeddingGenerator.Create(Options(), http);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => generator.GenerateAsync(["x"]));

        Assert.Equal(401, error.Status);
        Assert.Equal("req-123", error.GetGatewayDecision()?.RequestId);
    }

    [Fact]
    public void AddAiProviderEmbeddingGenerator_RegistersTheGeneratorAndChecksOptionsEarly()
    {
        var services = new ServiceCollection();
        services.AddAiProviderEmbeddingGenerator(o =>
        {
            o.Endpoint = Gateway;
            o.ApiKey = "aip_test_key";
            o.Model = "openai/text-embedding-3-small";
        });
        using var provider = services.BuildServiceProvider();

        var generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        Assert.NotNull(generator.GetService<EmbeddingGeneratorMetadata>());
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddAiProviderEmbeddingGenerator(o => o.Endpoint = Gateway));
    }
}
