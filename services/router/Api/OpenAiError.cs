using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Router.Api;

/// <summary>OpenAI's error JSON: <c>{"error":{"message","type","param","code"}}</c> (param and code are written even when null).</summary>
internal sealed record OpenAiErrorEnvelope([property: JsonPropertyName("error")] OpenAiErrorBody Error);

internal sealed record OpenAiErrorBody(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("param"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Param,
    [property: JsonPropertyName("code"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Code);
