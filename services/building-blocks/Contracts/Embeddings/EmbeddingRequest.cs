using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Contracts.Embeddings;

/// <summary>
/// OpenAI's <c>POST /v1/embeddings</c> body (https://platform.openai.com/docs/api-reference/embeddings/create,
/// checked 2026-12-07). <see cref="Input"/> stays raw JSON: a string, an array of strings, or token arrays, which
/// the router checks and turns into <see cref="AdapterEmbeddingRequest.Inputs"/>.
/// </summary>
public sealed record EmbeddingRequest
{
    [JsonPropertyName("input")] public JsonElement? Input { get; set; }
    [JsonPropertyName("model")] public string? Model { get; set; }
    /// <summary><c>float</c> (the default) or <c>base64</c> (little-endian float32s).</summary>
    [JsonPropertyName("encoding_format")] public string? EncodingFormat { get; set; }
    [JsonPropertyName("dimensions")] public int? Dimensions { get; set; }
    [JsonPropertyName("user")] public string? User { get; set; }
}
