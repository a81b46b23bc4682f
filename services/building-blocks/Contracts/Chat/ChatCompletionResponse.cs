using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Contracts.Chat;

/// <summary>An OpenAI <c>chat.completion</c> object, as the gateway returns it to callers.</summary>
public sealed record ChatCompletionResponse
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("object")] public string Object { get; set; } = "chat.completion";
    [JsonPropertyName("created")] public long Created { get; init; }
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    [JsonPropertyName("choices")] public IReadOnlyList<ChatChoice> Choices { get; set; } = [];
    [JsonPropertyName("usage")] public OpenAiUsage? Usage { get; init; }
    [JsonPropertyName("system_fingerprint")] public string? SystemFingerprint { get; init; }
}

public sealed record ChatChoice
{
    [JsonPropertyName("index")] public int Index { get; init; }
    [JsonPropertyName("message")] public AssistantMessage Message { get; set; } = new();
    [JsonPropertyName("finish_reason")] public string? FinishReason { get; init; }
}

public sealed record AssistantMessage
{
    [JsonPropertyName("role")] public string Role { get; set; } = "assistant";
    [JsonPropertyName("content")] public string? Content { get; init; }
    [JsonPropertyName("tool_calls")] public JsonElement? ToolCalls { get; init; }
    [JsonPropertyName("refusal")] public string? Refusal { get; init; }
}

/// <summary>OpenAI's usage object (prompt includes cached, completion includes reasoning).</summary>
public sealed record OpenAiUsage
{
    [JsonPropertyName("prompt_tokens")] public int PromptTokens { get; init; }
    [JsonPropertyName("completion_tokens")] public int CompletionTokens { get; init; }
    [JsonPropertyName("total_tokens")] public int TotalTokens { get; init; }
    [JsonPropertyName("prompt_tokens_details")] public PromptTokensDetails? PromptTokensDetails { get; init; }
    [JsonPropertyName("completion_tokens_details")] public CompletionTokensDetails? CompletionTokensDetails { get; init; }

    public static OpenAiUsage From(TokenUsage usage) => new()
    {
        PromptTokens = usage.InputTokens,
        CompletionTokens = usage.OutputTokens,
        TotalTokens = usage.InputTokens + usage.OutputTokens,
        PromptTokensDetails = new() { CachedTokens = usage.CachedInputTokens },
        CompletionTokensDetails = new() { ReasoningTokens = usage.ReasoningTokens },
    };
}

public sealed record PromptTokensDetails
{
    [JsonPropertyName("cached_tokens")] public int CachedTokens { get; init; }
}

public sealed record CompletionTokensDetails
{
    [JsonPropertyName("reasoning_tokens")] public int ReasoningTokens { get; init; }
}
