using System.Text.Json;
using Dapr.AiProvider.ProviderSimulator.Core;

namespace Dapr.AiProvider.ProviderSimulator.OpenAi;

/// <summary>The JSON of OpenAI chat completions: the whole response, usage and finish reasons.</summary>
internal static class OpenAiWire
{
    public const string Fingerprint = "fp_sim0001";

    public static string FinishReason(FinishKind finish) => finish switch
    {
        FinishKind.Length => "length",
        FinishKind.ToolCall => "tool_calls",
        FinishKind.ContentFilter => "content_filter",
        _ => "stop",
    };

    public static void WriteCompletion(Utf8JsonWriter w, string id, long created, ChatPrompt prompt, SimAnswer answer)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("object", "chat.completion");
        w.WriteNumber("created", created);
        w.WriteString("model", prompt.Model);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        if (answer.ToolCall is { } call)
        {
            w.WriteNull("content");
            w.WriteNull("refusal");
            w.WriteStartArray("tool_calls");
            w.WriteStartObject();
            w.WriteString("id", call.Id);
            w.WriteString("type", "function");
            w.WriteStartObject("function");
            w.WriteString("name", call.Name);
            w.WriteString("arguments", call.ArgumentsJson);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        }
        else
        {
            w.WriteString("content", answer.Text);
            w.WriteNull("refusal");
        }
        w.WriteStartArray("annotations");
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteNull("logprobs");
        w.WriteString("finish_reason", FinishReason(answer.Finish));
        w.WriteEndObject();
        w.WriteEndArray();
        WriteUsage(w, answer);
        w.WriteString("service_tier", "default");
        w.WriteString("system_fingerprint", Fingerprint);
        w.WriteEndObject();
    }

    /// <summary><c>"usage": {…}</c>; prompt tokens include cached ones, completion tokens include reasoning.</summary>
    public static void WriteUsage(Utf8JsonWriter w, SimAnswer answer)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", answer.PromptTokens);
        w.WriteNumber("completion_tokens", answer.OutputTokensWithReasoning);
        w.WriteNumber("total_tokens", answer.TotalTokens);
        w.WriteStartObject("prompt_tokens_details");
        w.WriteNumber("cached_tokens", answer.CachedTokens);
        w.WriteNumber("audio_tokens", 0);
        w.WriteEndObject();
        w.WriteStartObject("completion_tokens_details");
        w.WriteNumber("reasoning_tokens", answer.ReasoningTokens);
        w.WriteNumber("audio_tokens", 0);
        w.WriteNumber("accepted_prediction_tokens", 0);
        w.WriteNumber("rejected_prediction_tokens", 0);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>The common head of a <c>chat.completion.chunk</c>, up to (not including) <c>choices</c>.</summary>
    public static void WriteChunkHead(Utf8JsonWriter w, string id, long created, string model)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("object", "chat.completion.chunk");
        w.WriteNumber("created", created);
        w.WriteString("model", model);
        w.WriteString("service_tier", "default");
        w.WriteString("system_fingerprint", Fingerprint);
    }

    /// <summary>An OpenAI error body: <c>{"error":{"message","type","param","code"}}</c>.</summary>
    public static string ErrorBody(string message, string type, string? param, string? code) =>
        JsonText.Write(w =>
        {
            w.WriteStartObject();
            WriteError(w, message, type, param, code);
            w.WriteEndObject();
        });

    public static void WriteError(Utf8JsonWriter w, string message, string type, string? param, string? code)
    {
        w.WriteStartObject("error");
        w.WriteString("message", message);
        w.WriteString("type", type);
        WriteNullable(w, "param", param);
        WriteNullable(w, "code", code);
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
