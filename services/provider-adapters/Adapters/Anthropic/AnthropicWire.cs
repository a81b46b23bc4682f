using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dapr.AiProvider.ProviderAdapters.Adapters.Anthropic;

/// <summary>Anthropic Messages response (and the <c>message</c> of <c>message_start</c>).</summary>
internal sealed record AnthropicMessage
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("model")] public string? Model { get; init; }
    [JsonPropertyName("content")] public List<AnthropicBlock> Content { get; init; } = [];
    [JsonPropertyName("stop_reason")] public string? StopReason { get; init; }
    [JsonPropertyName("usage")] public AnthropicUsage? Usage { get; init; }
}

internal sealed record AnthropicBlock
{
    [JsonPropertyName("type")] public string Type { get; init; } = "";
    [JsonPropertyName("text")] public string? Text { get; init; }
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("input")] public JsonElement? Input { get; init; }
    [JsonPropertyName("thinking")] public string? Thinking { get; init; }
    [JsonPropertyName("signature")] public string? Signature { get; init; }
    /// <summary>A <c>redacted_thinking</c> block's encrypted content.</summary>
    [JsonPropertyName("data")] public string? Data { get; init; }
}

/// <summary>Anthropic usage: <c>input_tokens</c> excludes cache reads and writes. Null = not reported in this frame.</summary>
internal sealed record AnthropicUsage
{
    [JsonPropertyName("input_tokens")] public int? InputTokens { get; init; }
    [JsonPropertyName("output_tokens")] public int? OutputTokens { get; init; }
    [JsonPropertyName("cache_creation_input_tokens")] public int? CacheCreationInputTokens { get; init; }
    [JsonPropertyName("cache_read_input_tokens")] public int? CacheReadInputTokens { get; init; }
}

/// <summary>One named SSE event's data (message_start, content_block_*, message_delta, error…).</summary>
internal sealed record AnthropicStreamEvent
{
    [JsonPropertyName("type")] public string Type { get; init; } = "";
    [JsonPropertyName("message")] public AnthropicMessage? Message { get; init; }
    [JsonPropertyName("index")] public int Index { get; init; }
    [JsonPropertyName("content_block")] public AnthropicBlock? ContentBlock { get; init; }
    [JsonPropertyName("delta")] public AnthropicDelta? Delta { get; init; }
    [JsonPropertyName("usage")] public AnthropicUsage? Usage { get; init; }
    [JsonPropertyName("error")] public AnthropicErrorDetail? Error { get; init; }
}

internal sealed record AnthropicDelta
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("text")] public string? Text { get; init; }
    [JsonPropertyName("partial_json")] public string? PartialJson { get; init; }
    [JsonPropertyName("thinking")] public string? Thinking { get; init; }
    [JsonPropertyName("signature")] public string? Signature { get; init; }
    [JsonPropertyName("stop_reason")] public string? StopReason { get; init; }
}

internal sealed record AnthropicErrorDetail
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
}

[JsonSerializable(typeof(AnthropicMessage))]
[JsonSerializable(typeof(AnthropicStreamEvent))]
internal sealed partial class AnthropicJsonContext : JsonSerializerContext;
