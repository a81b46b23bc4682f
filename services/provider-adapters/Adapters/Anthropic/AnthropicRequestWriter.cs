using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.ProviderAdapters.Adapters.Anthropic;

/// <summary>
/// OpenAI request → Anthropic Messages body: system/developer messages become top-level <c>system</c>,
/// <c>max_tokens</c> is always set (caller's cap, else the model's max output), assistant tool_calls become
/// <c>tool_use</c> blocks, tool messages <c>tool_result</c> blocks in a user turn, consecutive turns of the
/// same role are merged, images become base64/url <c>image</c> blocks, tools/tool_choice are mapped, and
/// a JSON response_format becomes a system instruction (Anthropic has no such parameter), reasoning_effort
/// becomes <c>thinking</c> with a token budget (adaptive thinking at that effort on models that refuse a budget,
/// <see cref="AnthropicThinkingShape"/>). A request that came in as Anthropic Messages is sent as its client wrote it.
/// </summary>
internal static class AnthropicRequestWriter
{
    public static byte[] Write(UpstreamCall call, bool stream)
    {
        var request = call.Request;
        if (request.AnthropicBody is { ValueKind: JsonValueKind.Object } body)
        {
            return WriteAsSent(call, body, stream);
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", call.Model.Model);
            var maxTokens = Math.Min(request.OutputTokenLimit ?? call.Model.MaxOutputTokens, call.Model.MaxOutputTokens);
            writer.WriteNumber("max_tokens", maxTokens);
            WriteSystem(writer, request);
            AnthropicMessagesWriter.Write(writer, request.Messages);
            // reasoning_effort → extended thinking; then temperature and top_p are not sent (Anthropic refuses them),
            // and ParameterSupport names them in x-aiprovider-dropped-params.
            int? thinking = ParameterSupport.AnthropicThinkingBudget(request) is { } budget ? Math.Min(budget, maxTokens - 1) : null;
            if (thinking is >= 1024 && AnthropicThinkingShape.IsAdaptiveOnly(call.Model.Model))
            {
                // The model refuses a token budget: adaptive thinking, at the effort the caller asked for.
                writer.WriteStartObject("thinking");
                writer.WriteString("type", "adaptive");
                writer.WriteEndObject();
                writer.WriteStartObject("output_config");
                writer.WriteString("effort", AnthropicThinkingShape.Effort(request.ReasoningEffort));
                writer.WriteEndObject();
            }
            else if (thinking is >= 1024 and var budgetTokens)
            {
                writer.WriteStartObject("thinking");
                writer.WriteString("type", "enabled");
                writer.WriteNumber("budget_tokens", budgetTokens);
                writer.WriteEndObject();
            }
            else
            {
                if (request.Temperature is { } temperature)
                {
                    writer.WriteNumber("temperature", Math.Min(temperature, 1.0));
                }
                if (request.TopP is { } topP)
                {
                    writer.WriteNumber("top_p", topP);
                }
            }
            UpstreamRequests.WriteStop(writer, "stop_sequences", request.Stop);
            AnthropicToolsWriter.Write(writer, request.Tools, request.ToolChoice);
            if (!string.IsNullOrEmpty(request.User))
            {
                writer.WriteStartObject("metadata");
                writer.WriteString("user_id", request.User);
                writer.WriteEndObject();
            }
            if (stream)
            {
                writer.WriteBoolean("stream", true);
            }
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// A <c>/v1/messages</c> client's body, as it wrote it: only <c>model</c> (the routed one), <c>max_tokens</c> (capped at
    /// the model's output maximum, as on every request) and <c>stream</c> (how the gateway reads the answer) are set here.
    /// Thinking, cache_control, top_k, service_tier, thinking blocks in the history and any newer field reach Anthropic.
    /// </summary>
    private static byte[] WriteAsSent(UpstreamCall call, JsonElement body, bool stream)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", call.Model.Model);
            writer.WriteNumber("max_tokens", Math.Min(call.Request.OutputTokenLimit ?? call.Model.MaxOutputTokens, call.Model.MaxOutputTokens));
            foreach (var field in body.EnumerateObject())
            {
                if (field.Name is not ("model" or "max_tokens" or "stream"))
                {
                    field.WriteTo(writer);
                }
            }
            if (stream)
            {
                writer.WriteBoolean("stream", true);
            }
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteSystem(Utf8JsonWriter writer, ChatCompletionRequest request)
    {
        var system = UpstreamRequests.SystemText(request.Messages);
        if (JsonInstruction(request.ResponseFormat) is { } instruction)
        {
            system.Append(system.Length > 0 ? "\n\n" : "").Append(instruction);
        }
        if (system.Length > 0)
        {
            writer.WriteString("system", system.ToString());
        }
    }

    private static string? JsonInstruction(JsonElement? responseFormat)
    {
        if (responseFormat is not { ValueKind: JsonValueKind.Object } format || !format.TryGetProperty("type", out var type))
        {
            return null;
        }
        if (type.ValueEquals("json_object"))
        {
            return "Respond with a single valid JSON object and nothing else.";
        }
        if (type.ValueEquals("json_schema") && format.TryGetProperty("json_schema", out var schema)
            && schema.TryGetProperty("schema", out var body))
        {
            return "Respond with a single valid JSON object, and nothing else, that conforms to this JSON schema: " + body.GetRawText();
        }
        return null;
    }
}
