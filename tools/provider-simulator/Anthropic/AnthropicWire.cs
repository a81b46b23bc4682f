using System.Text.Json;
using Dapr.AiProvider.ProviderSimulator.Core;

namespace Dapr.AiProvider.ProviderSimulator.Anthropic;

/// <summary>Messages API JSON: the message object, usage (input excludes cache reads/writes) and stop reasons.</summary>
internal static class AnthropicWire
{
    public static string StopReason(FinishKind finish) => finish switch
    {
        FinishKind.Length => "max_tokens",
        FinishKind.ToolCall => "tool_use",
        FinishKind.ContentFilter => "refusal",
        _ => "end_turn",
    };

    public static string NewMessageId() => "msg_01" + Guid.NewGuid().ToString("N")[..22];

    public static string ToolUseId(string callId) => "toolu_01" + callId[5..];

    public static void WriteMessage(Utf8JsonWriter w, string id, string model, SimAnswer answer)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteString("model", model);
        w.WriteStartArray("content");
        if (answer.ToolCall is { } call)
        {
            w.WriteStartObject();
            w.WriteString("type", "tool_use");
            w.WriteString("id", ToolUseId(call.Id));
            w.WriteString("name", call.Name);
            w.WritePropertyName("input");
            w.WriteRawValue(call.ArgumentsJson);
            w.WriteEndObject();
        }
        else
        {
            w.WriteStartObject();
            w.WriteString("type", "text");
            w.WriteString("text", answer.Text);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("stop_reason", StopReason(answer.Finish));
        w.WriteNull("stop_sequence");
        WriteUsage(w, answer, answer.OutputTokensWithReasoning);
        w.WriteEndObject();
    }

    /// <summary><c>"usage"</c>: <c>input_tokens</c> excludes cache reads and writes, which have their own fields.</summary>
    public static void WriteUsage(Utf8JsonWriter w, SimAnswer answer, int outputTokens)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", answer.UncachedPromptTokens);
        w.WriteNumber("cache_creation_input_tokens", answer.CacheWriteTokens);
        w.WriteNumber("cache_read_input_tokens", answer.CachedTokens);
        w.WriteStartObject("cache_creation");
        w.WriteNumber("ephemeral_5m_input_tokens", answer.CacheWriteTokens);
        w.WriteNumber("ephemeral_1h_input_tokens", 0);
        w.WriteEndObject();
        w.WriteNumber("output_tokens", outputTokens);
        w.WriteString("service_tier", "standard");
        w.WriteEndObject();
    }
}
