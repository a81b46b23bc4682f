using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dapr.AiProvider.ProviderAdapters.Adapters.Tgi;

/// <summary>TGI <c>/generate</c> response, and one <c>/generate_stream</c> frame (token + final text/details).</summary>
internal sealed record TgiResponse
{
    [JsonPropertyName("generated_text")] public string? GeneratedText { get; init; }
    [JsonPropertyName("token")] public TgiToken? Token { get; init; }
    [JsonPropertyName("details")] public TgiDetails? Details { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("error_type")] public string? ErrorType { get; init; }
}

internal sealed record TgiToken
{
    [JsonPropertyName("text")] public string Text { get; init; } = "";
    [JsonPropertyName("special")] public bool Special { get; init; }
}

internal sealed record TgiDetails
{
    [JsonPropertyName("finish_reason")] public string? FinishReason { get; init; }
    [JsonPropertyName("generated_tokens")] public int GeneratedTokens { get; init; }
    [JsonPropertyName("input_length")] public int? InputLength { get; init; }
    [JsonPropertyName("prefill")] public List<JsonElement>? Prefill { get; init; }
}

[JsonSerializable(typeof(TgiResponse))]
internal sealed partial class TgiJsonContext : JsonSerializerContext;
