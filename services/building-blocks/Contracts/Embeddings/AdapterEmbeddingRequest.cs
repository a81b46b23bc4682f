using System.Text.Json.Serialization;
using Dapr.AiProvider.Contracts.Adapters;

namespace Dapr.AiProvider.Contracts.Embeddings;

/// <summary>The router's embedding call to one provider/model through its adapter (<see cref="AdapterRoutes.Embeddings"/>).</summary>
public sealed record AdapterEmbeddingRequest
{
    [JsonPropertyName("requestId")] public string RequestId { get; set; } = "";
    [JsonPropertyName("provider")] public string Provider { get; set; } = "";
    /// <summary>The provider's own model id, e.g. <c>text-embedding-3-small</c>.</summary>
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    /// <summary>The texts to embed, in order; the answer has one vector per text, in the same order.</summary>
    [JsonPropertyName("inputs")] public IReadOnlyList<string> Inputs { get; set; } = [];
    /// <summary>The vector length asked for (models that can shorten their vectors); null = the model's own.</summary>
    [JsonPropertyName("dimensions")] public int? Dimensions { get; set; }
    [JsonPropertyName("user")] public string? User { get; set; }
    /// <summary>The router's token count of <see cref="Inputs"/>, charged when the provider reports none (Gemini, Hugging Face).</summary>
    [JsonPropertyName("countedTokens")] public int CountedTokens { get; set; }
    /// <summary>The end of the provider-window lease the call was reserved from, as <see cref="Adapters.AdapterChatRequest.SendBy"/>.</summary>
    [JsonPropertyName("sendBy")] public DateTimeOffset? SendBy { get; set; }
}

/// <summary>A finished embedding call: one vector per input, in input order, with usage and exact cost.</summary>
public sealed record AdapterEmbeddingResult
{
    [JsonPropertyName("vectors")] public IReadOnlyList<float[]> Vectors { get; set; } = [];
    [JsonPropertyName("usage")] public AdapterUsageReport Usage { get; set; } = new();
}
