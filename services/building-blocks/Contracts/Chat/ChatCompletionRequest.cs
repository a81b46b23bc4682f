using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Contracts.Chat;

/// <summary>
/// The gateway's normalised chat request: an OpenAI chat-completions superset. Fields the
/// gateway does not interpret (tools, tool_choice, response_format, stop, content parts) are kept
/// as raw JSON, and every member it does not model at all (<c>logprobs</c>, <c>parallel_tool_calls</c>,
/// <c>metadata</c>, <c>service_tier</c>, <c>logit_bias</c> …) in <see cref="OtherFields"/>, so they pass
/// through to OpenAI-shaped providers unchanged; what another family cannot honour is named by
/// <see cref="ParameterSupport.Dropped"/>.
/// </summary>
public sealed record ChatCompletionRequest
{
    [JsonPropertyName("model")] public string? Model { get; set; }
    [JsonPropertyName("messages")] public IReadOnlyList<ChatMessage> Messages { get; set; } = [];
    [JsonPropertyName("temperature")] public double? Temperature { get; set; }
    [JsonPropertyName("top_p")] public double? TopP { get; set; }
    [JsonPropertyName("max_tokens")] public int? MaxTokens { get; set; }
    [JsonPropertyName("max_completion_tokens")] public int? MaxCompletionTokens { get; set; }
    [JsonPropertyName("stop")] public JsonElement? Stop { get; set; }
    [JsonPropertyName("seed")] public long? Seed { get; set; }
    [JsonPropertyName("n")] public int? N { get; set; }
    [JsonPropertyName("stream")] public bool? Stream { get; set; }
    [JsonPropertyName("stream_options")] public StreamOptions? StreamOptions { get; set; }
    [JsonPropertyName("tools")] public JsonElement? Tools { get; set; }
    [JsonPropertyName("tool_choice")] public JsonElement? ToolChoice { get; set; }
    [JsonPropertyName("response_format")] public JsonElement? ResponseFormat { get; set; }
    [JsonPropertyName("user")] public string? User { get; set; }
    /// <summary><c>none</c>, <c>minimal</c>, <c>low</c>, <c>medium</c>, <c>high</c>: mapped to Anthropic and Gemini thinking budgets.</summary>
    [JsonPropertyName("reasoning_effort")] public string? ReasoningEffort { get; set; }
    [JsonPropertyName("frequency_penalty")] public double? FrequencyPenalty { get; set; }
    [JsonPropertyName("presence_penalty")] public double? PresencePenalty { get; set; }

    /// <summary>
    /// The Anthropic Messages body exactly as a <c>/v1/messages</c> client sent it (null for every other API). An
    /// Anthropic upstream is sent this body, with the routed model, the capped <c>max_tokens</c> and the stream flag, so
    /// every Anthropic field is honoured as written (<c>thinking</c>, <c>cache_control</c>, <c>top_k</c>,
    /// <c>service_tier</c>, thinking blocks in the history …); other families get the translated fields of this record
    /// and <see cref="ParameterSupport.Dropped"/> names what they cannot honour. Not serialized with the request, so a
    /// chat client can never set it: it crosses to provider-adapters in <c>AdapterChatRequest.AnthropicBody</c>.
    /// </summary>
    [JsonIgnore] public JsonElement? AnthropicBody { get; set; }

    /// <summary>Every other member of the request body, verbatim (written back where it was read).</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? OtherFields { get; set; }

    /// <summary>The output-token cap the caller asked for, whichever OpenAI field carried it.</summary>
    [JsonIgnore] public int? OutputTokenLimit => MaxCompletionTokens ?? MaxTokens;
}

public sealed record StreamOptions
{
    [JsonPropertyName("include_usage")] public bool? IncludeUsage { get; set; }
}

/// <summary>
/// One chat message. <see cref="Content"/> is a string or an array of parts
/// (<c>{"type":"text","text":…}</c>, <c>{"type":"image_url","image_url":{"url":…}}</c>).
/// </summary>
public sealed record ChatMessage
{
    [JsonPropertyName("role")] public string Role { get; set; } = "user";
    [JsonPropertyName("content")] public JsonElement? Content { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("tool_calls")] public JsonElement? ToolCalls { get; set; }
    [JsonPropertyName("tool_call_id")] public string? ToolCallId { get; set; }

    public static ChatMessage FromText(string role, string text) =>
        new() { Role = role, Content = JsonSerializer.SerializeToElement(text, ContractsJsonContext.Default.String) };

    /// <summary>The message's text: the string content, or its text parts joined.</summary>
    public string Text()
    {
        if (Content is not { } content)
        {
            return string.Empty;
        }
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString() ?? string.Empty;
        }
        if (content.ValueKind != JsonValueKind.Array)
        {
            return string.Empty;
        }
        var parts = new List<string>();
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object
                && part.TryGetProperty("type", out var type) && type.ValueEquals("text")
                && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            {
                parts.Add(text.GetString()!);
            }
        }
        return string.Join("\n", parts);
    }
}
