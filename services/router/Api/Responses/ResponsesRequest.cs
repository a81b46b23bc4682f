using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Router.Api.Responses;

/// <summary>
/// OpenAI's <c>POST /v1/responses</c> body, the stateless subset the gateway serves. <c>input</c> (text or items),
/// tools and tool_choice stay raw JSON, read by <see cref="ResponsesToChat"/>; <c>store</c> and
/// <c>previous_response_id</c> are read only to refuse them (the gateway keeps no conversation state).
/// </summary>
internal sealed record ResponsesRequest
{
    [JsonPropertyName("model")] public string? Model { get; init; }
    [JsonPropertyName("input")] public JsonElement? Input { get; init; }
    [JsonPropertyName("instructions")] public string? Instructions { get; init; }
    [JsonPropertyName("tools")] public JsonElement? Tools { get; init; }
    [JsonPropertyName("tool_choice")] public JsonElement? ToolChoice { get; init; }
    [JsonPropertyName("max_output_tokens")] public int? MaxOutputTokens { get; init; }
    [JsonPropertyName("temperature")] public double? Temperature { get; init; }
    [JsonPropertyName("top_p")] public double? TopP { get; init; }
    [JsonPropertyName("stream")] public bool? Stream { get; init; }
    [JsonPropertyName("store")] public bool? Store { get; init; }
    [JsonPropertyName("previous_response_id")] public string? PreviousResponseId { get; init; }
    [JsonPropertyName("user")] public string? User { get; init; }
    [JsonPropertyName("metadata")] public JsonElement? Metadata { get; init; }
}
