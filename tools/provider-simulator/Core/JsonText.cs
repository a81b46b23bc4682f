using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Dapr.AiProvider.ProviderSimulator.Core;

/// <summary>Valid JSON for tool arguments and JSON-mode answers, filled from a JSON schema where one is given.</summary>
internal static class JsonText
{
    public static string ForSchema(JsonElement? schema, string echo) =>
        Write(w => WriteValue(w, schema, echo, "query", 0));

    public static string ForAnswer(JsonElement? schema, string text, string echo) =>
        schema is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("properties", out _)
            ? Write(w => WriteValue(w, schema, echo, "answer", 0))
            : Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("answer", text);
                w.WriteEndObject();
            });

    public static string Write(Action<Utf8JsonWriter> build)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            build(writer);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter w, JsonElement? schema, string echo, string name, int depth)
    {
        var type = Type(schema);
        if (schema is { } s && s.Prop("enum") is { ValueKind: JsonValueKind.Array } values && values.GetArrayLength() > 0)
        {
            values[0].WriteTo(w);
            return;
        }
        switch (type)
        {
            case "integer": w.WriteNumberValue(1); break;
            case "number": w.WriteNumberValue(1.5); break;
            case "boolean": w.WriteBooleanValue(true); break;
            case "array": w.WriteStartArray(); w.WriteEndArray(); break;
            case "object" when depth < 4:
                w.WriteStartObject();
                if (schema is { } obj && obj.Prop("properties") is { ValueKind: JsonValueKind.Object } props)
                {
                    foreach (var prop in props.EnumerateObject())
                    {
                        w.WritePropertyName(prop.Name);
                        WriteValue(w, prop.Value, echo, prop.Name, depth + 1);
                    }
                }
                else if (depth == 0)
                {
                    w.WriteString(name, echo);
                }
                w.WriteEndObject();
                break;
            default: w.WriteStringValue(echo.Length == 0 ? name : echo); break;
        }
    }

    private static string Type(JsonElement? schema)
    {
        if (schema is not { ValueKind: JsonValueKind.Object } s)
        {
            return "object";
        }
        if (s.TryGetProperty("type", out var t))
        {
            if (t.ValueKind == JsonValueKind.String)
            {
                return t.GetString()!.ToLowerInvariant();
            }
            if (t.ValueKind == JsonValueKind.Array && t.GetArrayLength() > 0 && t[0].ValueKind == JsonValueKind.String)
            {
                return t[0].GetString()!.ToLowerInvariant();
            }
        }
        return s.TryGetProperty("properties", out _) ? "object" : "string";
    }
}
