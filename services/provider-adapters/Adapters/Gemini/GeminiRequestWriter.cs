using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.ProviderAdapters.Adapters.Gemini;

/// <summary>
/// OpenAI request → Gemini <c>GenerateContentRequest</c>: system/developer → <c>systemInstruction</c>,
/// assistant → role <c>model</c>, tool_calls → <c>functionCall</c> parts, tool messages →
/// <c>functionResponse</c> parts (name found from the earlier call id), images → <c>inlineData</c>/<c>fileData</c>,
/// tools → <c>functionDeclarations</c>, sampling, penalties, JSON mode and reasoning_effort (as
/// <c>thinkingConfig.thinkingBudget</c>) → <c>generationConfig</c>.
/// </summary>
internal static class GeminiRequestWriter
{
    public static byte[] Write(UpstreamCall call)
    {
        var request = call.Request;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteSystem(writer, request);
            GeminiContentsWriter.Write(writer, request.Messages);
            GeminiToolsWriter.Write(writer, request.Tools, request.ToolChoice);
            WriteGenerationConfig(writer, request, call.Model.MaxOutputTokens);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteSystem(Utf8JsonWriter writer, ChatCompletionRequest request)
    {
        var system = UpstreamRequests.SystemText(request.Messages);
        if (system.Length == 0)
        {
            return;
        }
        writer.WriteStartObject("systemInstruction");
        writer.WriteStartArray("parts");
        writer.WriteStartObject();
        writer.WriteString("text", system.ToString());
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteGenerationConfig(Utf8JsonWriter writer, ChatCompletionRequest request, int maxOutputTokens)
    {
        writer.WriteStartObject("generationConfig");
        if (request.Temperature is { } temperature)
        {
            writer.WriteNumber("temperature", temperature);
        }
        if (request.TopP is { } topP)
        {
            writer.WriteNumber("topP", topP);
        }
        if (request.OutputTokenLimit is { } limit)
        {
            writer.WriteNumber("maxOutputTokens", Math.Min(limit, maxOutputTokens));
        }
        if (request.Seed is { } seed)
        {
            writer.WriteNumber("seed", seed);
        }
        if (request.PresencePenalty is { } presence)
        {
            writer.WriteNumber("presencePenalty", presence);
        }
        if (request.FrequencyPenalty is { } frequency)
        {
            writer.WriteNumber("frequencyPenalty", frequency);
        }
        if (ParameterSupport.ThinkingBudget(request.ReasoningEffort) is { } thinkingBudget)
        {
            writer.WriteStartObject("thinkingConfig");
            writer.WriteNumber("thinkingBudget", thinkingBudget);
            writer.WriteEndObject();
        }
        UpstreamRequests.WriteStop(writer, "stopSequences", request.Stop);
        if (request.ResponseFormat is { ValueKind: JsonValueKind.Object } format && format.TryGetProperty("type", out var type)
            && (type.ValueEquals("json_object") || type.ValueEquals("json_schema")))
        {
            writer.WriteString("responseMimeType", "application/json");
            if (format.TryGetProperty("json_schema", out var schema) && schema.TryGetProperty("schema", out var body))
            {
                writer.WritePropertyName("responseJsonSchema");
                body.WriteTo(writer);
            }
        }
        writer.WriteEndObject();
    }
}
