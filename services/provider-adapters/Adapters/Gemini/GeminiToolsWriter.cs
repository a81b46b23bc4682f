using System.Text.Json;

namespace Dapr.AiProvider.ProviderAdapters.Adapters.Gemini;

/// <summary>OpenAI tools → <c>tools[{functionDeclarations}]</c>; tool_choice → <c>toolConfig.functionCallingConfig</c>.</summary>
internal static class GeminiToolsWriter
{
    public static void Write(Utf8JsonWriter writer, JsonElement? tools, JsonElement? toolChoice)
    {
        var functions = FunctionTool.Read(tools);
        if (functions.Count == 0)
        {
            return;
        }
        writer.WriteStartArray("tools");
        writer.WriteStartObject();
        writer.WriteStartArray("functionDeclarations");
        foreach (var function in functions)
        {
            writer.WriteStartObject();
            writer.WriteString("name", function.Name);
            if (function.Description is not null)
            {
                writer.WriteString("description", function.Description);
            }
            if (function.Parameters is { } parameters)
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
        var (choice, only) = FunctionTool.Choice(toolChoice);
        var mode = choice switch { "none" => "NONE", "required" or "function" => "ANY", "auto" => "AUTO", _ => null };
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
