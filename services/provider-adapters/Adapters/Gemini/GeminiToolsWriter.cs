using System.Text.Json;

namespace Dapr.AiProvider.ProviderAdapters.Adapters.Gemini;

/// <summary>OpenAI tools → <c>tools[{functionDeclarations}]</c>; tool_choice → <c>toolConfig.functionCallingConfig</c>.</summary>
internal static class GeminiToolsWriter
{
    public static void Write(Utf8JsonWriter writer, JsonElement? tools, JsonElement? toolChoice)
    {
        if (tools is not { ValueKind: JsonValueKind.Array } array || array.GetArrayLength() == 0)
        {
            return;
        }
        writer.WriteStartArray("tools");
        writer.WriteStartObject();
        writer.WriteStartArray("functionDeclarations");
        foreach (var tool in array.EnumerateArray())
        {
            if (!tool.TryGetProperty("function", out var function))
            {
                continue;
            }
            writer.WriteStartObject();
            writer.WriteString("name", function.TryGetProperty("name", out var name) ? name.GetString() : "");
            if (function.TryGetProperty("description", out var description) && description.ValueKind == JsonValueKind.String)
            {
                writer.WriteString("description", description.GetString());
            }
            if (function.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
            {
                writer.WritePropertyName("parameters");
                parameters.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
        WriteChoice(writer, toolChoice);
    }

    private static void WriteChoice(Utf8JsonWriter writer, JsonElement? toolChoice)
    {
        if (toolChoice is not { } choice)
        {
            return;
        }
        string? mode = null;
        string? only = null;
        if (choice.ValueKind == JsonValueKind.String)
        {
            mode = choice.GetString() switch { "none" => "NONE", "required" => "ANY", "auto" => "AUTO", _ => null };
        }
        else if (choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("function", out var f) && f.TryGetProperty("name", out var n))
        {
            mode = "ANY";
            only = n.GetString();
        }
        if (mode is null)
        {
            return;
        }
        writer.WriteStartObject("toolConfig");
        writer.WriteStartObject("functionCallingConfig");
        writer.WriteString("mode", mode);
        if (only is not null)
        {
            writer.WriteStartArray("allowedFunctionNames");
            writer.WriteStringValue(only);
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
