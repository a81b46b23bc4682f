using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Benchmark.Workloads;

/// <summary>
/// One line of <c>agents.jsonl</c>: an agent's call, made once at <see cref="At"/> or every <see cref="Every"/> minutes
/// until <see cref="Until"/>, <see cref="Count"/> times per occurrence (a burst, <see cref="Gap"/> seconds apart).
/// Placeholders in <see cref="System"/> and <see cref="Prompt"/>: <c>{run}</c> the occurrence (1, 2, …; new content each
/// time), <c>{i}</c> the call within the burst, <c>{v}</c> the burst's value from <see cref="Values"/>. Text without a
/// placeholder is the same request every time — the repeats agents really make.
/// </summary>
internal sealed record AgentCallLine
{
    [JsonPropertyName("agent")] public string Agent { get; init; } = "";
    /// <summary>Time of day (UTC, <c>HH:mm</c>) of the first occurrence.</summary>
    [JsonPropertyName("at")] public string At { get; init; } = "";
    /// <summary>Minutes between occurrences; null: once.</summary>
    [JsonPropertyName("every")] public int? Every { get; init; }
    /// <summary>Last time of day an occurrence may start (<c>HH:mm</c>); default the end of the day.</summary>
    [JsonPropertyName("until")] public string? Until { get; init; }
    [JsonPropertyName("count")] public int? Count { get; init; }
    /// <summary>Seconds between the calls of a burst (default 2).</summary>
    [JsonPropertyName("gap")] public double? Gap { get; init; }
    [JsonPropertyName("values")] public IReadOnlyList<string>? Values { get; init; }
    /// <summary><c>process</c> (<c>POST /ai/process</c>) or <c>chat</c> (<c>POST /v1/chat/completions</c>).</summary>
    [JsonPropertyName("endpoint")] public string Endpoint { get; init; } = "";
    [JsonPropertyName("taskType")] public string? TaskType { get; init; }
    [JsonPropertyName("model")] public string? Model { get; init; }
    [JsonPropertyName("temperature")] public double? Temperature { get; init; }
    [JsonPropertyName("maxTokens")] public int? MaxTokens { get; init; }
    [JsonPropertyName("system")] public string? System { get; init; }
    [JsonPropertyName("prompt")] public string? Prompt { get; init; }
    /// <summary>Chat only: the messages as sent, instead of <see cref="System"/> + <see cref="Prompt"/>.</summary>
    [JsonPropertyName("messages")] public IReadOnlyList<WorkloadMessage>? Messages { get; init; }
}

internal sealed record WorkloadMessage(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] string Content);
