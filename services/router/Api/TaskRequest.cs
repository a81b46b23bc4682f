using System.Text.Json.Serialization;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.Router.Api;

/// <summary>The task API's request (<c>POST /ai/process</c>).</summary>
internal sealed record TaskRequest
{
    [JsonPropertyName("taskType")] public string? TaskType { get; init; }
    [JsonPropertyName("messages")] public IReadOnlyList<ChatMessage>? Messages { get; init; }
    /// <summary>Shorthand for a single user message.</summary>
    [JsonPropertyName("prompt")] public string? Prompt { get; init; }
    /// <summary>Optional system instruction placed before the messages.</summary>
    [JsonPropertyName("system")] public string? System { get; init; }
    /// <summary>A model hint: provider/model id, alias or route.</summary>
    [JsonPropertyName("model")] public string? Model { get; init; }
    [JsonPropertyName("maxTokens")] public int? MaxTokens { get; init; }
    [JsonPropertyName("temperature")] public double? Temperature { get; init; }
    /// <summary>cost | latency | quality.</summary>
    [JsonPropertyName("preference")] public string? Preference { get; init; }
    [JsonPropertyName("stream")] public bool? Stream { get; init; }
}

/// <summary>The task API's answer.</summary>
internal sealed record TaskResponse
{
    [JsonPropertyName("content")] public string Content { get; init; } = "";
    [JsonPropertyName("provider")] public string Provider { get; init; } = "";
    [JsonPropertyName("model")] public string Model { get; init; } = "";
    [JsonPropertyName("tokens")] public TaskTokens Tokens { get; init; } = new();
    [JsonPropertyName("costUsd")] public decimal CostUsd { get; init; }
    [JsonPropertyName("cached")] public bool Cached { get; init; }
    [JsonPropertyName("latencyMs")] public double LatencyMs { get; init; }
    [JsonPropertyName("requestId")] public string RequestId { get; init; } = "";
    [JsonPropertyName("finishReason")] public string? FinishReason { get; init; }
    [JsonPropertyName("attempts")] public int Attempts { get; init; }
}

internal sealed record TaskTokens
{
    [JsonPropertyName("input")] public int Input { get; init; }
    [JsonPropertyName("output")] public int Output { get; init; }
    [JsonPropertyName("total")] public int Total { get; init; }
    [JsonPropertyName("cachedInput")] public int CachedInput { get; init; }
    [JsonPropertyName("reasoning")] public int Reasoning { get; init; }

    public static TaskTokens From(TokenUsage usage) => new()
    {
        Input = usage.InputTokens,
        Output = usage.OutputTokens,
        Total = usage.TotalTokens,
        CachedInput = usage.CachedInputTokens,
        Reasoning = usage.ReasoningTokens,
    };
}
