using System.Text.Json.Serialization;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.Router.Api;

/// <summary>The task API's request (<c>POST /ai/process</c>).</summary>
internal sealed record TaskRequest
{
    [JsonPropertyName("taskType")] public string? TaskType { get; set; }
    [JsonPropertyName("messages")] public IReadOnlyList<ChatMessage>? Messages { get; set; }
    /// <summary>Shorthand for a single user message.</summary>
    [JsonPropertyName("prompt")] public string? Prompt { get; set; }
    /// <summary>Optional system instruction placed before the messages.</summary>
    [JsonPropertyName("system")] public string? System { get; set; }
    /// <summary>A model hint: provider/model id, alias or route.</summary>
    [JsonPropertyName("model")] public string? Model { get; set; }
    [JsonPropertyName("maxTokens")] public int? MaxTokens { get; set; }
    [JsonPropertyName("temperature")] public double? Temperature { get; set; }
    /// <summary>cost | latency | quality.</summary>
    [JsonPropertyName("preference")] public string? Preference { get; set; }
    [JsonPropertyName("stream")] public bool? Stream { get; set; }
}

/// <summary>The task API's answer.</summary>
internal sealed record TaskResponse
{
    [JsonPropertyName("content")] public string Content { get; set; } = "";
    [JsonPropertyName("provider")] public string Provider { get; set; } = "";
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    [JsonPropertyName("tokens")] public TaskTokens Tokens { get; set; } = new();
    [JsonPropertyName("costUsd")] public decimal CostUsd { get; set; }
    [JsonPropertyName("cached")] public bool Cached { get; set; }
    [JsonPropertyName("latencyMs")] public double LatencyMs { get; set; }
    [JsonPropertyName("requestId")] public string RequestId { get; set; } = "";
    [JsonPropertyName("finishReason")] public string? FinishReason { get; set; }
    [JsonPropertyName("attempts")] public int Attempts { get; set; }
}

internal sealed record TaskTokens
{
    [JsonPropertyName("input")] public int Input { get; set; }
    [JsonPropertyName("output")] public int Output { get; set; }
    [JsonPropertyName("total")] public int Total { get; set; }
    [JsonPropertyName("cachedInput")] public int CachedInput { get; set; }
    [JsonPropertyName("reasoning")] public int Reasoning { get; set; }

    public static TaskTokens From(TokenUsage usage) => new()
    {
        Input = usage.InputTokens,
        Output = usage.OutputTokens,
        Total = usage.TotalTokens,
        CachedInput = usage.CachedInputTokens,
        Reasoning = usage.ReasoningTokens,
    };
}
