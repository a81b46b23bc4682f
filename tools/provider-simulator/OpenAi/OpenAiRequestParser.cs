using System.Text.Json;
using Dapr.AiProvider.ProviderSimulator.Core;

namespace Dapr.AiProvider.ProviderSimulator.OpenAi;

/// <summary>Reads and validates an OpenAI chat completions request body, with OpenAI's own 400 messages.</summary>
internal static class OpenAiRequestParser
{
    private static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool", "function"];
    private const int ImageChars = 85 * 4;

    public static ParseResult Parse(JsonElement body, IOpenAiFlavor flavor)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return ParseResult.Fail(flavor.BadRequest("Invalid type for request body: expected an object.", null, "invalid_type"));
        }
        if (!body.TryGetProperty("model", out var modelElement) || modelElement.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(modelElement.GetString()))
        {
            return ParseResult.Fail(flavor.BadRequest("you must provide a model parameter", null, null));
        }
        var model = modelElement.GetString()!;
        if (!body.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            return ParseResult.Fail(flavor.BadRequest("Missing required parameter: 'messages'.", "messages", "missing_required_parameter"), model);
        }
        if (messages.GetArrayLength() == 0)
        {
            return ParseResult.Fail(flavor.BadRequest(
                "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
                "messages", "empty_array"), model);
        }

        var chars = 0;
        var lastUser = "";
        var lastRole = "";
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var role = message.Str("role");
            if (role is null || !Roles.Contains(role))
            {
                return ParseResult.Fail(flavor.BadRequest(
                    $"Invalid value: '{role}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.",
                    $"messages[{index}].role", "invalid_value"), model);
            }
            var text = ContentText(message.Prop("content"), ref chars);
            if (role == "user")
            {
                lastUser = text;
            }
            lastRole = role;
            index++;
        }

        var maxTokens = Integer(body, "max_completion_tokens") ?? Integer(body, "max_tokens");
        if (maxTokens is < 1)
        {
            return ParseResult.Fail(flavor.BadRequest(
                $"Invalid 'max_tokens': integer below minimum value. Expected a value >= 1, but got {maxTokens} instead.",
                "max_tokens", "integer_below_min_value"), model);
        }
        var stream = body.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        var options = body.Prop("stream_options");
        var includeUsage = options.Prop("include_usage").ValueKind == JsonValueKind.True;
        if (options.ValueKind == JsonValueKind.Object && !stream)
        {
            return ParseResult.Fail(flavor.BadRequest(
                "The 'stream_options' parameter is only allowed when 'stream' is enabled.", "stream_options", null), model);
        }
        if (!TryTools(body, flavor, out var tools, out var toolError))
        {
            return ParseResult.Fail(toolError!, model);
        }
        var (format, schema) = ResponseFormat(body);
        return ParseResult.Ok(new ChatPrompt(model, lastUser, chars, maxTokens, stream, includeUsage, tools,
            ToolChoice(body), lastRole == "tool", format, schema));
    }

    private static string ContentText(JsonElement content, ref int chars)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            var text = content.GetString()!;
            chars += text.Length;
            return text;
        }
        if (content.ValueKind != JsonValueKind.Array)
        {
            return "";
        }
        var last = "";
        foreach (var part in content.EnumerateArray())
        {
            if (part.Str("text") is { } value)
            {
                last = value;
                chars += last.Length;
            }
            else
            {
                chars += ImageChars;
            }
        }
        return last;
    }

    private static bool TryTools(JsonElement body, IOpenAiFlavor flavor, out List<ToolSpec> tools, out ErrorReply? error)
    {
        tools = [];
        error = null;
        var i = 0;
        foreach (var tool in body.Prop("tools").Items())
        {
            var function = tool.Prop("function");
            if (function.Str("name") is not { } name)
            {
                error = flavor.BadRequest($"Missing required parameter: 'tools[{i}].function.name'.",
                    $"tools[{i}].function.name", "missing_required_parameter");
                return false;
            }
            JsonElement? parameters = function.Has("parameters") ? function.Prop("parameters").Clone() : null;
            tools.Add(new ToolSpec(name, parameters));
            i++;
        }
        return true;
    }

    private static string? ToolChoice(JsonElement body)
    {
        var choice = body.Prop("tool_choice");
        if (choice.ValueKind == JsonValueKind.String)
        {
            return choice.GetString() switch { "required" => ChatPrompt.AnyTool, "none" => "none", _ => null };
        }
        return choice.Prop("function").Str("name");
    }

    private static (OutputFormat, JsonElement?) ResponseFormat(JsonElement body)
    {
        var format = body.Prop("response_format");
        var schema = format.Prop("json_schema").Prop("schema");
        return format.Str("type") switch
        {
            "json_object" => (OutputFormat.JsonObject, null),
            "json_schema" => (OutputFormat.JsonSchema, schema.ValueKind == JsonValueKind.Undefined ? null : schema.Clone()),
            _ => (OutputFormat.Text, null),
        };
    }

    private static int? Integer(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;
}
