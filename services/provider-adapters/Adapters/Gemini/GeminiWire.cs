using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dapr.AiProvider.ProviderAdapters.Adapters.Gemini;

/// <summary>A <c>GenerateContentResponse</c> (the whole answer, or one SSE frame of a stream).</summary>
internal sealed record GeminiResponse
{
    [JsonPropertyName("candidates")] public List<GeminiCandidate>? Candidates { get; init; }
    [JsonPropertyName("usageMetadata")] public GeminiUsage? UsageMetadata { get; init; }
    [JsonPropertyName("promptFeedback")] public GeminiPromptFeedback? PromptFeedback { get; init; }
    [JsonPropertyName("modelVersion")] public string? ModelVersion { get; init; }
    [JsonPropertyName("responseId")] public string? ResponseId { get; init; }
    [JsonPropertyName("error")] public JsonElement? Error { get; init; }
}

internal sealed record GeminiCandidate
{
    [JsonPropertyName("content")] public GeminiContent? Content { get; init; }
    [JsonPropertyName("finishReason")] public string? FinishReason { get; init; }
}

internal sealed record GeminiContent
{
    [JsonPropertyName("parts")] public List<GeminiPart>? Parts { get; init; }
}

internal sealed record GeminiPart
{
    [JsonPropertyName("text")] public string? Text { get; init; }
    [JsonPropertyName("thought")] public bool? Thought { get; init; }
    [JsonPropertyName("functionCall")] public GeminiFunctionCall? FunctionCall { get; init; }
}

internal sealed record GeminiFunctionCall
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("args")] public JsonElement? Args { get; init; }
}

internal sealed record GeminiPromptFeedback
{
    [JsonPropertyName("blockReason")] public string? BlockReason { get; init; }
}

/// <summary>Gemini usage: promptTokenCount includes cached tokens; thoughtsTokenCount is separate from candidates.</summary>
internal sealed record GeminiUsage
{
    [JsonPropertyName("promptTokenCount")] public int PromptTokenCount { get; init; }
    [JsonPropertyName("candidatesTokenCount")] public int CandidatesTokenCount { get; init; }
    [JsonPropertyName("totalTokenCount")] public int TotalTokenCount { get; init; }
    [JsonPropertyName("cachedContentTokenCount")] public int CachedContentTokenCount { get; init; }
    [JsonPropertyName("thoughtsTokenCount")] public int ThoughtsTokenCount { get; init; }
    [JsonPropertyName("toolUsePromptTokenCount")] public int ToolUsePromptTokenCount { get; init; }
}

[JsonSerializable(typeof(GeminiResponse))]
internal sealed partial class GeminiJsonContext : JsonSerializerContext;
