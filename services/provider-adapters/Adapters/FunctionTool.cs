using System.Text.Json;

namespace Dapr.AiProvider.ProviderAdapters.Adapters;

/// <summary>One OpenAI function tool (<c>{type:"function", function:{name, description, parameters}}</c>).</summary>
internal readonly record struct FunctionTool(string Name, string? Description, JsonElement? Parameters)
{
    public static List<FunctionTool> Read(JsonElement? tools)
    {
        var result = new List<FunctionTool>();
        if (tools is not { ValueKind: JsonValueKind.Array } array)
        {
            return result;
        }
        foreach (var tool in array.EnumerateArray())
        {
            if (tool.ValueKind != JsonValueKind.Object || !tool.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            var name = function.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
            var description = function.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            JsonElement? parameters = function.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object ? p : null;
            result.Add(new FunctionTool(name, description, parameters));
        }
        return result;
    }

    /// <summary>OpenAI <c>tool_choice</c>: "auto" | "none" | "required", or a named function.</summary>
    public static (string? Mode, string? Name) Choice(JsonElement? toolChoice)
    {
        if (toolChoice is not { } choice)
        {
            return (null, null);
        }
        if (choice.ValueKind == JsonValueKind.String)
        {
            return (choice.GetString(), null);
        }
        if (choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("function", out var function)
            && function.TryGetProperty("name", out var name))
        {
            return ("function", name.GetString());
        }
        return (null, null);
    }
}
