using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Contracts.Chat;

/// <summary>An OpenAI <c>chat.completion</c> object, as the gateway returns it to callers.</summary>
public sealed record ChatCompletionResponse
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("object")] public string Object { get; set; } = "chat.completion";
    [JsonPropertyName("created")] public long Created { get; set; }
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    [JsonPropertyName("choices")] public IReadOnlyList<ChatChoice> Choices { get; set; } = [];
    [JsonPropertyName("usage")] public OpenAiUsage? Usage { get; set; }
    [JsonPropertyName("system_fingerprint")] public string? SystemFingerprint { get; set; }
}

public sealed record ChatChoice
{
    [JsonPropertyName("index")] public int Index { get; set; }
    [JsonPropertyName("message")] public AssistantMessage Message { get; set; } = new();
    [JsonPropertyName("finish_reason")] public string? FinishReason { get; set; }
}

public sealed record AssistantMessage
{
    [JsonPropertyName("role")] public string Role { get; set; } = "assistant";
    [JsonPropertyName("content")] public string? Content { get; set; }
    [JsonPropertyName("tool_calls")] public JsonElement? ToolCalls { get; set; }
    [JsonPropertyName("refusal")] public string? Refusal { get; set; }
    /// <summary>
    /// Anthropic's <c>thinking</c> (with its <c>signature</c>) and <c>redacted_thinking</c> blocks, as Anthropic sent them
    /// (the field name LiteLLM uses). Only an Anthropic upstream fills it; the Messages API gives the blocks back unchanged,
    /// which a client must send back with a tool result when thinking is on.
    /// </summary>
    [JsonPropertyName("thinking_blocks")] public JsonElement? ThinkingBlocks { get; set; }
}

/// <summary>OpenAI's usage object (prompt includes cached, completion includes reasoning).</summary>
public sealed record OpenAiUsage
{
    [JsonPropertyName("prompt_tokens")] public int PromptTokens { get; set; }
    [JsonPropertyName("completion_tokens")] public int CompletionTokens { get; set; }
    [JsonPropertyName("total_tokens")] public int TotalTokens { get; set; }
    [JsonPropertyName("prompt_tokens_details")] public PromptTokensDetails? PromptTokensDetails { get; set; }
    [JsonPropertyName("completion_tokens_details")] public CompletionTokensDetails? CompletionTokensDetails { get; set; }

    public static OpenAiUsage From(TokenUsage usage) => new()
    {
        PromptTokens = usage.InputTokens,
        CompletionTokens = usage.OutputTokens,
        TotalTokens = usage.InputTokens + usage.OutputTokens,
        PromptTokensDetails = new() { CachedTokens = usage.CachedInputTokens, CacheWriteTokens = usage.CacheWriteTokens > 0 ? usage.CacheWriteTokens : null },
        CompletionTokensDetails = new() { ReasoningTokens = usage.ReasoningTokens },
    };
}

public sealed record PromptTokensDetails
{
    [JsonPropertyName("cached_tokens")] public int CachedTokens { get; set; }
    /// <summary>
    /// Prompt tokens written to the provider's cache (Anthropic's <c>cache_creation_input_tokens</c>, priced at its cache
    /// write rate), when there were any. Not an OpenAI field: the name OpenRouter uses; the Messages API answers with it.
    /// </summary>
    [JsonPropertyName("cache_write_tokens")] public int? CacheWriteTokens { get; set; }
}

public sealed record CompletionTokensDetails
{
    [JsonPropertyName("reasoning_tokens")] public int ReasoningTokens { get; set; }
}
