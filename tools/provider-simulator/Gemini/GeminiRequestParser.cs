using System.Text.Json;
using Dapr.AiProvider.ProviderSimulator.Core;

namespace Dapr.AiProvider.ProviderSimulator.Gemini;

/// <summary>Reads a GenerateContentRequest (<c>contents</c>, <c>systemInstruction</c>, <c>tools</c>, <c>generationConfig</c>).</summary>
internal static class GeminiRequestParser
{
    private const int MediaChars = 258 * 4;

    public static ParseResult Parse(string model, bool stream, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return ParseResult.Fail(GeminiErrors.Invalid("Invalid JSON payload received. Expected an object."), model);
        }
        if (!body.TryGetProperty("contents", out var contents) || contents.ValueKind != JsonValueKind.Array || contents.GetArrayLength() == 0)
        {
            return ParseResult.Fail(GeminiErrors.Invalid("* GenerateContentRequest.contents: contents is not specified\n"), model);
        }
        var chars = 0;
        if (body.TryGetProperty("systemInstruction", out var system))
        {
            var systemMedia = 0;
            chars = PartsText(system, out _, ref systemMedia).Length + systemMedia;
        }
        var lastUser = "";
        var endsWithToolResult = false;
        var index = 0;
        foreach (var content in contents.EnumerateArray())
        {
            var role = content.Prop("role").ValueKind == JsonValueKind.Undefined ? "user" : content.Str("role");
            if (role is not ("user" or "model" or "function" or "tool"))
            {
                return ParseResult.Fail(GeminiErrors.Invalid(
                    $"Please use a valid role: user, model. * GenerateContentRequest.contents[{index}].role: invalid value"), model);
            }
            var media = 0;
            var text = PartsText(content, out var functionResponse, ref media);
            chars += text.Length + media;
            endsWithToolResult = functionResponse;
            if (role == "user" && text.Length > 0)
            {
                lastUser = text;
            }
            index++;
        }

        var config = body.TryGetProperty("generationConfig", out var g) && g.ValueKind == JsonValueKind.Object ? g : default;
        int? maxTokens = null;
        if (config.ValueKind == JsonValueKind.Object && config.TryGetProperty("maxOutputTokens", out var max) && max.ValueKind == JsonValueKind.Number)
        {
            if (!max.TryGetInt32(out var n) || n < 1)
            {
                return ParseResult.Fail(GeminiErrors.Invalid(
                    "* GenerateContentRequest.generation_config.max_output_tokens: max_output_tokens must be positive.\n"), model);
            }
            maxTokens = n;
        }
        var (format, schema) = Format(config);
        return ParseResult.Ok(new ChatPrompt(model, lastUser, chars, maxTokens, stream, stream, Tools(body), ToolChoice(body),
            endsWithToolResult, format, schema));
    }

    private static string PartsText(JsonElement content, out bool functionResponse, ref int extraChars)
    {
        functionResponse = false;
        var text = "";
        foreach (var part in content.Prop("parts").Items())
        {
            if (part.Str("text") is { } value)
            {
                text += value;
            }
            else if (part.Has("functionResponse"))
            {
                functionResponse = true;
                extraChars += part.Prop("functionResponse").GetRawText().Length;
            }
            else
            {
                extraChars += part.Has("functionCall") ? part.Prop("functionCall").GetRawText().Length : MediaChars;
            }
        }
        return text;
    }

    private static List<ToolSpec> Tools(JsonElement body)
    {
        var tools = new List<ToolSpec>();
        foreach (var tool in body.Prop("tools").Items())
        {
            foreach (var declaration in tool.Prop("functionDeclarations").Items())
            {
                if (declaration.Str("name") is { } name)
                {
                    JsonElement? parameters = declaration.Has("parameters") ? declaration.Prop("parameters").Clone()
                        : declaration.Has("parametersJsonSchema") ? declaration.Prop("parametersJsonSchema").Clone() : null;
                    tools.Add(new ToolSpec(name, parameters));
                }
            }
        }
        return tools;
    }

    private static string? ToolChoice(JsonElement body)
    {
        var calling = body.Prop("toolConfig").Prop("functionCallingConfig");
        var names = calling.Prop("allowedFunctionNames");
        return calling.Str("mode") switch
        {
            "NONE" => "none",
            "ANY" => names.ValueKind == JsonValueKind.Array && names.GetArrayLength() > 0 && names[0].ValueKind == JsonValueKind.String
                ? names[0].GetString() : ChatPrompt.AnyTool,
            _ => null,
        };
    }

    private static (OutputFormat, JsonElement?) Format(JsonElement config)
    {
        if (config.Str("responseMimeType") != "application/json")
        {
            return (OutputFormat.Text, null);
        }
        if (config.TryGetProperty("responseSchema", out var schema) || config.TryGetProperty("responseJsonSchema", out schema))
        {
            return (OutputFormat.JsonSchema, schema.Clone());
        }
        return (OutputFormat.JsonObject, null);
    }
}
