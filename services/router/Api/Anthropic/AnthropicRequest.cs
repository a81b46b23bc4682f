using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Router.Api.Anthropic;

/// <summary>
/// Anthropic's <c>POST /v1/messages</c> body (and <c>/v1/messages/count_tokens</c>, which has no <c>max_tokens</c>).
/// Content, system, tools and tool_choice stay raw JSON: each is a string or a list of typed blocks, read by
/// <see cref="AnthropicToChat"/>.
/// </summary>
internal sealed record AnthropicRequest
{
    [JsonPropertyName("model")] public string? Model { get; set; }
    [JsonPropertyName("max_tokens")] public int? MaxTokens { get; set; }
    [JsonPropertyName("messages")] public IReadOnlyList<AnthropicMessage>? Messages { get; set; }
    [JsonPropertyName("system")] public JsonElement? System { get; set; }
    [JsonPropertyName("tools")] public JsonElement? Tools { get; set; }
    [JsonPropertyName("tool_choice")] public JsonElement? ToolChoice { get; set; }
    [JsonPropertyName("stop_sequences")] public IReadOnlyList<string>? StopSequences { get; set; }
    [JsonPropertyName("temperature")] public double? Temperature { get; set; }
    [JsonPropertyName("top_p")] public double? TopP { get; set; }
    [JsonPropertyName("stream")] public bool? Stream { get; set; }
    [JsonPropertyName("metadata")] public AnthropicMetadata? Metadata { get; set; }
    /// <summary>Every Anthropic field not translated above (<c>thinking</c>, <c>top_k</c>, <c>service_tier</c> …), kept so the
    /// body can be sent to an Anthropic upstream as written (<c>ChatCompletionRequest.AnthropicBody</c>).</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? OtherFields { get; set; }
}

internal sealed record AnthropicMessage
{
    [JsonPropertyName("role")] public string? Role { get; set; }
    /// <summary>A string, or blocks: text, image, tool_use (assistant), tool_result (user), thinking.</summary>
    [JsonPropertyName("content")] public JsonElement? Content { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? OtherFields { get; set; }
}

internal sealed record AnthropicMetadata
{
    [JsonPropertyName("user_id")] public string? UserId { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? OtherFields { get; set; }
}
