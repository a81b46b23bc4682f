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
    [JsonPropertyName("model")] public string? Model { get; set; }
    [JsonPropertyName("input")] public JsonElement? Input { get; set; }
    [JsonPropertyName("instructions")] public string? Instructions { get; set; }
    [JsonPropertyName("tools")] public JsonElement? Tools { get; set; }
    [JsonPropertyName("tool_choice")] public JsonElement? ToolChoice { get; set; }
    [JsonPropertyName("max_output_tokens")] public int? MaxOutputTokens { get; set; }
    [JsonPropertyName("temperature")] public double? Temperature { get; set; }
    [JsonPropertyName("top_p")] public double? TopP { get; set; }
    [JsonPropertyName("stream")] public bool? Stream { get; set; }
    [JsonPropertyName("store")] public bool? Store { get; set; }
    [JsonPropertyName("previous_response_id")] public string? PreviousResponseId { get; set; }
    [JsonPropertyName("user")] public string? User { get; set; }
    [JsonPropertyName("metadata")] public JsonElement? Metadata { get; set; }
}
