using System.Text.Json;

namespace Dapr.AiProvider.ProviderAdapters.Adapters;

/// <summary>One OpenAI tool call (<c>{id, type:"function", function:{name, arguments}}</c>).</summary>
internal readonly record struct ToolCall(string Id, string Name, string Arguments)
{
    /// <summary>The tool calls of an assistant message's <c>tool_calls</c> array.</summary>
    public static List<ToolCall> Read(JsonElement? toolCalls)
    {
        var calls = new List<ToolCall>();
        if (toolCalls is not { ValueKind: JsonValueKind.Array } array)
        {
            return calls;
        }
        foreach (var call in array.EnumerateArray())
        {
            if (call.ValueKind != JsonValueKind.Object || !call.TryGetProperty("function", out var function))
            {
                continue;
            }
            var id = call.TryGetProperty("id", out var i) ? i.GetString() ?? "" : "";
            var name = function.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
            var arguments = function.TryGetProperty("arguments", out var a)
                ? (a.ValueKind == JsonValueKind.String ? a.GetString() ?? "" : a.GetRawText())
                : "";
            calls.Add(new ToolCall(id, name, arguments));
        }
        return calls;
    }

    /// <summary>Writes OpenAI <c>tool_calls</c> as a JSON array element (for responses and chunks).</summary>
    public static JsonElement ToJson(IReadOnlyList<ToolCall> calls, bool withIndex)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            for (var i = 0; i < calls.Count; i++)
            {
                writer.WriteStartObject();
                if (withIndex)
                {
                    writer.WriteNumber("index", i);
                }
                writer.WriteString("id", calls[i].Id);
                writer.WriteString("type", "function");
                writer.WriteStartObject("function");
                writer.WriteString("name", calls[i].Name);
                writer.WriteString("arguments", calls[i].Arguments);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    /// <summary>A streaming tool-call delta: <c>[{index, id?, type?, function:{name?, arguments}}]</c>.</summary>
    public static JsonElement Delta(int index, string? id, string? name, string arguments)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WriteNumber("index", index);
            if (id is not null)
            {
                writer.WriteString("id", id);
                writer.WriteString("type", "function");
            }
            writer.WriteStartObject("function");
            if (name is not null)
            {
                writer.WriteString("name", name);
            }
            writer.WriteString("arguments", arguments);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
        }
        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }
}
