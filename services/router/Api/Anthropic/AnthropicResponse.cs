using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Router.Api.Anthropic;

/// <summary>Anthropic's <c>message</c> object: the answer to <c>POST /v1/messages</c>.</summary>
internal sealed record AnthropicMessageResponse
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("type")] public string Type { get; init; } = "message";
    [JsonPropertyName("role")] public string Role { get; init; } = "assistant";
    [JsonPropertyName("model")] public string Model { get; init; } = "";
    [JsonPropertyName("content")] public IReadOnlyList<AnthropicContentBlock> Content { get; init; } = [];
    /// <summary>end_turn | max_tokens | stop_sequence | tool_use | refusal; null only in <c>message_start</c>.</summary>
    [JsonPropertyName("stop_reason"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? StopReason { get; init; }
    [JsonPropertyName("stop_sequence"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? StopSequence { get; init; }
    [JsonPropertyName("usage")] public AnthropicUsage Usage { get; init; } = new();
}

/// <summary>A <c>text</c> block (<see cref="Text"/>), a <c>tool_use</c> block (<see cref="Id"/>, <see cref="Name"/>, <see cref="Input"/>),
/// or an Anthropic upstream's <c>thinking</c> (<see cref="Thinking"/>, <see cref="Signature"/>) or <c>redacted_thinking</c> (<see cref="Data"/>) block.</summary>
internal sealed record AnthropicContentBlock
{
    [JsonPropertyName("type")] public string Type { get; init; } = "text";
    [JsonPropertyName("text")] public string? Text { get; init; }
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("input")] public JsonElement? Input { get; init; }
    [JsonPropertyName("thinking")] public string? Thinking { get; init; }
    [JsonPropertyName("signature")] public string? Signature { get; init; }
    [JsonPropertyName("data")] public string? Data { get; init; }

    public static AnthropicContentBlock OfText(string text) => new() { Type = "text", Text = text };

    public static AnthropicContentBlock OfToolUse(string id, string name, JsonElement input) =>
        new() { Type = "tool_use", Id = id, Name = name, Input = input };
}

/// <summary>Anthropic counts <c>input_tokens</c> without cache reads (OpenAI's prompt tokens include them).</summary>
internal sealed record AnthropicUsage
{
    [JsonPropertyName("input_tokens")] public int InputTokens { get; init; }
    [JsonPropertyName("output_tokens")] public int OutputTokens { get; init; }
    [JsonPropertyName("cache_creation_input_tokens")] public int CacheCreationInputTokens { get; init; }
    [JsonPropertyName("cache_read_input_tokens")] public int CacheReadInputTokens { get; init; }
}

/// <summary>The answer to <c>POST /v1/messages/count_tokens</c>.</summary>
internal sealed record AnthropicTokenCount([property: JsonPropertyName("input_tokens")] int InputTokens);
