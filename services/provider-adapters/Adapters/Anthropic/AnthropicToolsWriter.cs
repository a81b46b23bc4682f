using System.Text.Json;

namespace Dapr.AiProvider.ProviderAdapters.Adapters.Anthropic;

/// <summary>OpenAI <c>tools</c>/<c>tool_choice</c> → Anthropic <c>tools[{name, description, input_schema}]</c>/<c>tool_choice</c>.</summary>
internal static class AnthropicToolsWriter
{
    public static void Write(Utf8JsonWriter writer, JsonElement? tools, JsonElement? toolChoice)
    {
        if (tools is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() > 0)
        {
            writer.WriteStartArray("tools");
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
                writer.WritePropertyName("input_schema");
                if (function.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
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
        if (toolChoice is not { } choice)
        {
            return;
        }
        string? type = null;
        string? name = null;
        if (choice.ValueKind == JsonValueKind.String)
        {
            type = choice.GetString() switch
            {
                "auto" => "auto",
                "none" => "none",
                "required" => "any",
                _ => null,
            };
        }
        else if (choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("function", out var function)
            && function.TryGetProperty("name", out var n))
        {
            type = "tool";
            name = n.GetString();
        }
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
