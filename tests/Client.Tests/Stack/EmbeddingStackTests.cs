using Dapr.AiProvider.EndToEnd.Tests;
using Microsoft.Extensions.AI;

namespace Dapr.AiProvider.Client.Tests.Stack;

/// <summary>
/// The embedding generator against the running gateway, over plain HTTP and over Dapr service invocation through the
/// "agent" app's own sidecar. The cost is the price table's (openai/text-embedding-3-small: $0.02 per 1M input tokens,
/// services/provider-adapters/prices.json) and agrees with the ledger row of the request id.
/// </summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", "Process")]
public sealed class EmbeddingStackTests(GatewayStack stack)
{
    private const string Model = "openai/text-embedding-3-small";

    public static TheoryData<string> Transports => ["http", "dapr"];

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task GenerateAsync_PaidModel_VectorsAndADecisionThatAgreesWithTheLedger(string transport)
    {
        using var generator = Create(transport);
        var text = "Embed me through the client " + Guid.NewGuid();

        var embeddings = await generator.GenerateAsync([text, "and me"], new EmbeddingGenerationOptions { Dimensions = 128 });
        var again = await generator.GenerateAsync([text, "and me"], new EmbeddingGenerationOptions { Dimensions = 128 });

        Assert.Equal(2, embeddings.Count);
        Assert.Equal(128, embeddings[0].Vector.Length);
        var decision = embeddings.GetGatewayDecision();
        Assert.NotNull(decision);
        Assert.Equal(("openai", "text-embedding-3-small", GatewayCacheStatus.Miss, 1), (decision.Provider, decision.Model, decision.Cache, decision.Attempts));
        var tokens = embeddings.Usage!.InputTokenCount!.Value;
        var expectedMicros = (tokens * 20_000L + 999_999) / 1_000_000;
        Assert.Equal(expectedMicros / 1_000_000m, decision.CostUsd);
        Assert.Equal(new LedgerEntry("openai", "text-embedding-3-small", expectedMicros, CacheHit: false), await LedgerEntry.ReadAsync(stack, decision.RequestId));
        Assert.Equal(GatewayCacheStatus.Hit, again.GetGatewayDecision()?.Cache);
        Assert.Equal(embeddings[0].Vector.ToArray(), again[0].Vector.ToArray());
    }

    private IEmbeddingGenerator<string, Embedding<float>> Create(string transport) => transport switch
    {
        "http" => AiProviderEmbeddingGenerator.Create(new AiProviderChatClientOptions { Endpoint = stack.RouterUrl, ApiKey = GatewayStack.BootstrapKey, Model = Model }),
        "dapr" => AiProviderEmbeddingGenerator.Create(new AiProviderChatClientOptions
        {
            DaprHttpEndpoint = stack.AgentSidecarUrl.ToString().TrimEnd('/'), RouterAppId = "router", ApiKey = GatewayStack.BootstrapKey, Model = Model,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(transport)),
    };
}
