using System.Text.Json;

namespace Dapr.AiProvider.ProviderSimulator.Embeddings;

/// <summary>One provider's embedding request and answer format.</summary>
internal interface IEmbeddingWire
{
    /// <summary>The texts, the model and the asked length; null when the body is not this wire's request.</summary>
    EmbeddingAsk? Parse(JsonElement body, string? routeModel);

    void Write(Utf8JsonWriter writer, EmbeddingAsk ask, IReadOnlyList<float[]> vectors, int promptTokens);
}

internal sealed record EmbeddingAsk(string Model, IReadOnlyList<string> Inputs, int? Dimensions);
