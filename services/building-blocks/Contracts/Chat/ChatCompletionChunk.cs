using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Contracts.Chat;

/// <summary>An OpenAI <c>chat.completion.chunk</c> (one SSE <c>data:</c> frame).</summary>
public sealed record ChatCompletionChunk
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("object")] public string Object { get; set; } = "chat.completion.chunk";
    [JsonPropertyName("created")] public long Created { get; set; }
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    [JsonPropertyName("choices")] public IReadOnlyList<ChunkChoice> Choices { get; set; } = [];
    /// <summary>Null on content chunks; set on the final usage chunk (with empty choices).</summary>
    [JsonPropertyName("usage")] public OpenAiUsage? Usage { get; set; }
}

public sealed record ChunkChoice
{
    [JsonPropertyName("index")] public int Index { get; set; }
    [JsonPropertyName("delta")] public ChunkDelta Delta { get; set; } = new();
    [JsonPropertyName("finish_reason")] public string? FinishReason { get; set; }
}

public sealed record ChunkDelta
{
    [JsonPropertyName("role")] public string? Role { get; set; }
    [JsonPropertyName("content")] public string? Content { get; set; }
    [JsonPropertyName("tool_calls")] public JsonElement? ToolCalls { get; set; }
    /// <summary>
    /// A piece of an Anthropic thinking block, one element: <c>{"type":"thinking","thinking":fragment}</c>, then
    /// <c>{"type":"thinking","thinking":"","signature":…}</c> ending that block, or a whole
    /// <c>{"type":"redacted_thinking","data":…}</c>. Only an Anthropic upstream sends them (see
    /// <see cref="AssistantMessage.ThinkingBlocks"/>).
    /// </summary>
    [JsonPropertyName("thinking_blocks")] public JsonElement? ThinkingBlocks { get; set; }

    /// <summary>True when this delta carries something a client would show or act on.</summary>
    [JsonIgnore] public bool HasContent => !string.IsNullOrEmpty(Content) || ToolCalls is not null || ThinkingBlocks is not null;
}
