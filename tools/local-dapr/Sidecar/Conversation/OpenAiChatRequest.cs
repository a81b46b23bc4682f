using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Conversation;

/// <summary>
/// The chat-completions body the <c>conversation.openai</c> component sends, as langchaingo's OpenAI client builds it
/// from the component's options (components-contrib <c>conversation/langchaingokit/model.go</c> getOptionsFromRequest):
/// temperature only when above 0, tools, tool_choice, structured output as a <c>json_schema</c> response format, and
/// the request metadata (with <c>prompt_cache_retention</c> folded in, as components-contrib does).
/// </summary>
internal static class OpenAiChatRequest
{
    public static byte[] Write(string model, ConversationCall call)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", model);
            writer.WriteStartArray("messages");
            foreach (var turn in call.Messages)
            {
                WriteMessage(writer, turn);
            }
            writer.WriteEndArray();
            if (call.Temperature > 0)
            {
                writer.WriteNumber("temperature", call.Temperature);
            }
            WriteTools(writer, call);
            WriteResponseFormat(writer, call.ResponseFormat);
            WriteMetadata(writer, call);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteMessage(Utf8JsonWriter writer, ConversationTurn turn)
    {
        writer.WriteStartObject();
        writer.WriteString("role", turn.Role);
        // One text part is sent as a string, several as content parts, none as null (an assistant turn of tool calls).
        if (turn.Texts.Count == 1)
        {
            writer.WriteString("content", turn.Texts[0]);
        }
        else if (turn.Texts.Count == 0)
        {
            writer.WriteNull("content");
        }
        else
        {
            writer.WriteStartArray("content");
            foreach (var text in turn.Texts)
            {
                writer.WriteStartObject();
                writer.WriteString("type", "text");
                writer.WriteString("text", text);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        if (turn.ToolCallId is not null)
        {
            writer.WriteString("tool_call_id", turn.ToolCallId);
        }
        if (!string.IsNullOrEmpty(turn.ToolName))
        {
            writer.WriteString("name", turn.ToolName);
        }
        if (turn.ToolCalls.Count > 0)
        {
            writer.WriteStartArray("tool_calls");
            foreach (var call in turn.ToolCalls)
            {
                writer.WriteStartObject();
                writer.WriteString("id", call.Id ?? "");
                writer.WriteString("type", "function");
                writer.WriteStartObject("function");
                writer.WriteString("name", call.Function?.Name ?? "");
                writer.WriteString("arguments", call.Function?.Arguments ?? "");
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private static void WriteTools(Utf8JsonWriter writer, ConversationCall call)
    {
        if (call.Tools.Count > 0)
        {
            writer.WriteStartArray("tools");
            foreach (var tool in call.Tools)
            {
                writer.WriteStartObject();
                writer.WriteString("type", "function");
                writer.WriteStartObject("function");
                writer.WriteString("name", tool.Name);
                writer.WriteString("description", tool.Description ?? "");
                writer.WritePropertyName("parameters");
                WriteStruct(writer, tool.Parameters ?? new Struct());
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        switch (call.ToolChoice)
        {
            case null:
                break;
            case "auto" or "none" or "required":
                writer.WriteString("tool_choice", call.ToolChoice);
                break;
            default:
                // A tool's name. langchaingo forwards the bare name, which OpenAI-compatible servers reject;
                // the object form is what the OpenAI API defines for "this function".
                writer.WriteStartObject("tool_choice");
                writer.WriteString("type", "function");
                writer.WriteStartObject("function");
                writer.WriteString("name", call.ToolChoice);
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
        }
    }

    /// <summary>langchaingokit/workarounds.go convertToStructuredOutputDefinition: name defaults to "response"; a schema without a string <c>type</c> is skipped.</summary>
    private static void WriteResponseFormat(Utf8JsonWriter writer, Struct? schema)
    {
        if (schema is null || !schema.Fields.TryGetValue("type", out var type) || type.KindCase != Value.KindOneofCase.StringValue)
        {
            return;
        }
        var name = schema.Fields.TryGetValue("name", out var n) && n.StringValue is { Length: > 0 } s ? s : "response";
        writer.WriteStartObject("response_format");
        writer.WriteString("type", "json_schema");
        writer.WriteStartObject("json_schema");
        writer.WriteString("name", name);
        if (schema.Fields.TryGetValue("description", out var description) && description.KindCase == Value.KindOneofCase.StringValue)
        {
            writer.WriteString("description", description.StringValue);
        }
        writer.WriteBoolean("strict", schema.Fields.TryGetValue("strict", out var strict) && strict.BoolValue);
        writer.WritePropertyName("schema");
        var body = schema.Clone();
        body.Fields.Remove("name");
        body.Fields.Remove("strict");
        WriteStruct(writer, body);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteMetadata(Utf8JsonWriter writer, ConversationCall call)
    {
        if (call.Metadata is null && call.PromptCacheRetention is null)
        {
            return;
        }
        writer.WriteStartObject("metadata");
        foreach (var (key, value) in call.Metadata ?? new Dictionary<string, string>())
        {
            if (key != "prompt_cache_retention" || call.PromptCacheRetention is null)
            {
                writer.WriteString(key, value);
            }
        }
        if (call.PromptCacheRetention is { } retention)
        {
            writer.WriteString("prompt_cache_retention", GoDurationString(retention));
        }
        writer.WriteEndObject();
    }

    private static void WriteStruct(Utf8JsonWriter writer, Struct value)
    {
        using var document = JsonDocument.Parse(JsonFormatter.Default.Format(value));
        document.WriteTo(writer);
    }

    /// <summary>Go's <c>time.Duration.String()</c> for whole seconds (<c>24h0m0s</c>), which components-contrib sends.</summary>
    internal static string GoDurationString(TimeSpan value)
    {
        var hours = (long)value.TotalHours;
        return hours > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hours}h{value.Minutes}m{value.Seconds}s")
            : value.Minutes > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{value.Minutes}m{value.Seconds}s")
                : string.Create(CultureInfo.InvariantCulture, $"{value.Seconds}s");
    }
}
