using System.Text.Json;

namespace Dapr.AiProvider.ProviderAdapters.Adapters.Anthropic;

/// <summary>OpenAI <c>tools</c>/<c>tool_choice</c> → Anthropic <c>tools[{name, description, input_schema}]</c>/<c>tool_choice</c>.</summary>
internal static class AnthropicToolsWriter
{
    public static void Write(Utf8JsonWriter writer, JsonElement? tools, JsonElement? toolChoice)
    {
        var functions = FunctionTool.Read(tools);
        if (functions.Count > 0)
        {
            writer.WriteStartArray("tools");
            foreach (var function in functions)
            {
                writer.WriteStartObject();
                writer.WriteString("name", function.Name);
                if (function.Description is not null)
                {
                    writer.WriteString("description", function.Description);
                }
                writer.WritePropertyName("input_schema");
                if (function.Parameters is { } parameters)
                {
                    parameters.WriteTo(writer);
                }
                else
                {
                    writer.WriteStartObject();
                    writer.WriteString("type", "object");
                    writer.WriteEndObject();
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        WriteChoice(writer, toolChoice);
    }

    private static void WriteChoice(Utf8JsonWriter writer, JsonElement? toolChoice)
    {
        var (mode, name) = FunctionTool.Choice(toolChoice);
        var type = mode switch
        {
            "auto" => "auto",
            "none" => "none",
            "required" => "any",
            "function" => "tool",
            _ => null,
        };
        if (type is null)
        {
            return;
        }
        writer.WriteStartObject("tool_choice");
        writer.WriteString("type", type);
        if (name is not null)
        {
            writer.WriteString("name", name);
        }
        writer.WriteEndObject();
    }
}
