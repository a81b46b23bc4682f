using System.Text.Json;
using Dapr.AiProvider.ProviderSimulator.Core;

namespace Dapr.AiProvider.ProviderSimulator.Gemini;

/// <summary>GenerateContentResponse JSON: candidates, finishReason, usageMetadata (prompt includes cached tokens; thoughts separate).</summary>
internal static class GeminiWire
{
    public static string FinishReason(FinishKind finish) => finish switch
    {
        FinishKind.Length => "MAX_TOKENS",
        FinishKind.ContentFilter => "SAFETY",
        _ => "STOP",
    };

    public static string NewResponseId() => Convert.ToBase64String(Guid.NewGuid().ToByteArray())[..22].Replace('+', 'x').Replace('/', 'y');

    /// <summary>One response object; <paramref name="text"/> null = no content part; <paramref name="final"/> adds finishReason and full usage.</summary>
    public static void WriteResponse(Utf8JsonWriter w, string model, string responseId, SimAnswer answer, string? text, bool withCall, bool final)
    {
        w.WriteStartObject();
        w.WriteStartArray("candidates");
        w.WriteStartObject();
        if (text is not null || withCall)
        {
            w.WriteStartObject("content");
            w.WriteStartArray("parts");
            if (withCall && answer.ToolCall is { } call)
            {
                w.WriteStartObject();
                w.WriteStartObject("functionCall");
                w.WriteString("name", call.Name);
                w.WritePropertyName("args");
                w.WriteRawValue(call.ArgumentsJson);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            else
            {
                w.WriteStartObject();
                w.WriteString("text", text);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("role", "model");
            w.WriteEndObject();
        }
        if (final)
        {
            w.WriteString("finishReason", FinishReason(answer.Finish));
            if (answer.Finish == FinishKind.ContentFilter)
            {
                WriteBlockedRating(w);
            }
        }
        w.WriteNumber("index", 0);
        w.WriteEndObject();
        w.WriteEndArray();
        WriteUsage(w, answer, final);
        w.WriteString("modelVersion", model);
        w.WriteString("responseId", responseId);
        w.WriteEndObject();
    }

    private static void WriteUsage(Utf8JsonWriter w, SimAnswer answer, bool final)
    {
        w.WriteStartObject("usageMetadata");
        w.WriteNumber("promptTokenCount", answer.PromptTokens);
        if (final)
        {
            w.WriteNumber("candidatesTokenCount", answer.CompletionTokens);
        }
        w.WriteNumber("totalTokenCount", final ? answer.TotalTokens : answer.PromptTokens);
        if (answer.CachedTokens > 0)
        {
            w.WriteNumber("cachedContentTokenCount", answer.CachedTokens);
        }
        if (final && answer.ReasoningTokens > 0)
        {
            w.WriteNumber("thoughtsTokenCount", answer.ReasoningTokens);
        }
        w.WriteStartArray("promptTokensDetails");
        w.WriteStartObject();
        w.WriteString("modality", "TEXT");
        w.WriteNumber("tokenCount", answer.PromptTokens);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteBlockedRating(Utf8JsonWriter w)
    {
        w.WriteStartArray("safetyRatings");
        w.WriteStartObject();
        w.WriteString("category", "HARM_CATEGORY_DANGEROUS_CONTENT");
        w.WriteString("probability", "HIGH");
        w.WriteBoolean("blocked", true);
        w.WriteEndObject();
        w.WriteEndArray();
    }
}
