using System.Text.Json;
using System.Text.Json.Serialization;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.Contracts.Adapters;

/// <summary>The router's call to one provider/model through its adapter.</summary>
public sealed record AdapterChatRequest
{
    /// <summary>The gateway request id (also the usage event id).</summary>
    [JsonPropertyName("requestId")] public string RequestId { get; set; } = "";
    /// <summary>Provider id from the catalog, e.g. <c>openai</c>, <c>gemini</c>.</summary>
    [JsonPropertyName("provider")] public string Provider { get; set; } = "";
    /// <summary>The provider's own model id, e.g. <c>gpt-4o-mini</c>.</summary>
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    [JsonPropertyName("request")] public ChatCompletionRequest Request { get; set; } = new();
    /// <summary><see cref="ChatCompletionRequest.AnthropicBody"/>, which is not serialized with the request itself.</summary>
    [JsonPropertyName("anthropicBody")] public JsonElement? AnthropicBody { get; set; }
    /// <summary>
    /// The last instant the request may leave for the provider: the end of the provider-window lease it was reserved
    /// from (null: no window holds it). Later, it could reach the provider in a window its lease was not counted in, so
    /// provider-adapters does not send it and answers <see cref="ErrorClass.WindowLeaseEnded"/>; the router leases again.
    /// </summary>
    [JsonPropertyName("sendBy")] public DateTimeOffset? SendBy { get; set; }

    /// <summary>The request as the adapters use it: with its Anthropic body when it has one.</summary>
    public ChatCompletionRequest RequestWithBody() => AnthropicBody is null ? Request : Request with { AnthropicBody = AnthropicBody };
}

/// <summary>A completed non-streaming call.</summary>
public sealed record AdapterChatResult
{
    /// <summary>The answer, already in OpenAI shape whatever the provider's wire format.</summary>
    [JsonPropertyName("completion")] public ChatCompletionResponse Completion { get; set; } = new();
    [JsonPropertyName("usage")] public AdapterUsageReport Usage { get; set; } = new();
}

/// <summary>Usage, exact cost and provider headroom for one finished call.</summary>
public sealed record AdapterUsageReport
{
    [JsonPropertyName("provider")] public string Provider { get; set; } = "";
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    [JsonPropertyName("tokens")] public TokenUsage Tokens { get; set; } = TokenUsage.Zero;
    /// <summary>Cost in micro-dollars (1 USD = 1,000,000), from the versioned price table.</summary>
    [JsonPropertyName("costMicros")] public long CostMicros { get; set; }
    [JsonPropertyName("priceTableVersion")] public string PriceTableVersion { get; set; } = "";
    [JsonPropertyName("providerLatencyMs")] public double ProviderLatencyMs { get; set; }
    [JsonPropertyName("headroom")] public ProviderHeadroom? Headroom { get; set; }
    [JsonPropertyName("finishReason")] public string? FinishReason { get; set; }
}

/// <summary>What the provider said is left (rate-limit headers), when it said.</summary>
public sealed record ProviderHeadroom
{
    [JsonPropertyName("remainingRequests")] public long? RemainingRequests { get; set; }
    [JsonPropertyName("remainingTokens")] public long? RemainingTokens { get; set; }
    [JsonPropertyName("requestsResetAt")] public DateTimeOffset? RequestsResetAt { get; set; }
    [JsonPropertyName("tokensResetAt")] public DateTimeOffset? TokensResetAt { get; set; }
    /// <summary>The limits the provider's headers state (in its own dialect: Groq's request limit is per day), if any.</summary>
    [JsonPropertyName("limits")] public IReadOnlyList<LearnedLimit>? Limits { get; set; }
}
