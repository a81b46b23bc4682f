using System.Text.Json;
using Dapr.AiProvider.ProviderSimulator.Core;

namespace Dapr.AiProvider.ProviderSimulator.Anthropic;

/// <summary>Reads and validates a Messages API request with Anthropic's own validation messages.</summary>
internal static class AnthropicRequestParser
{
    private const int ImageChars = 1600 * 4;

    public static ParseResult Parse(HttpRequest request, JsonElement body)
    {
        if (string.IsNullOrEmpty(request.Headers["anthropic-version"].ToString()))
        {
            return ParseResult.Fail(AnthropicErrors.Invalid("anthropic-version: header is required"), Model(body));
        }
        if (body.ValueKind != JsonValueKind.Object)
        {
            return ParseResult.Fail(AnthropicErrors.Invalid("Input should be a valid dictionary or object to extract fields from"));
        }
        var model = Model(body);
        if (model is null)
        {
            return ParseResult.Fail(AnthropicErrors.Invalid("model: Field required"));
        }
        if (!body.TryGetProperty("max_tokens", out var max) || max.ValueKind != JsonValueKind.Number)
        {
            return ParseResult.Fail(AnthropicErrors.Invalid("max_tokens: Field required"), model);
        }
        if (!max.TryGetInt32(out var maxTokens) || maxTokens < 1)
        {
            return ParseResult.Fail(AnthropicErrors.Invalid("max_tokens: Input should be greater than or equal to 1"), model);
        }
        if (!body.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            return ParseResult.Fail(AnthropicErrors.Invalid("messages: Field required"), model);
        }
        if (messages.GetArrayLength() == 0)
        {
            return ParseResult.Fail(AnthropicErrors.Invalid("messages: at least one message is required"), model);
        }

        var chars = 0;
        if (body.TryGetProperty("system", out var system))
        {
            var systemExtra = 0;
            chars = Text(system, out _, ref systemExtra).Length + systemExtra;
        }
        var lastUser = "";
        var endsWithToolResult = false;
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var role = message.Str("role");
            if (role is not ("user" or "assistant"))
            {
                return ParseResult.Fail(AnthropicErrors.Invalid($"messages.{index}.role: Input should be 'user' or 'assistant'"), model);
            }
            var extra = 0;
            var toolResult = false;
            var text = Text(message.Prop("content"), out toolResult, ref extra);
            chars += text.Length + extra;
            if (role == "user")
            {
                lastUser = text.Length > 0 ? text : lastUser;
                endsWithToolResult = toolResult;
            }
            else
            {
                endsWithToolResult = false;
            }
            index++;
        }

        if (!TryTools(body, out var tools, out var error))
        {
            return ParseResult.Fail(error!, model);
        }
        var stream = body.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        return ParseResult.Ok(new ChatPrompt(model, lastUser, chars, maxTokens, stream, stream, tools, ToolChoice(body),
            endsWithToolResult, OutputFormat.Text, null));
    }

    private static string? Model(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(m.GetString()) ? m.GetString() : null;

    /// <summary>The text of a string or of content blocks; images count as <paramref name="extraChars"/>.</summary>
    private static string Text(JsonElement content, out bool hasToolResult, ref int extraChars)
    {
        hasToolResult = false;
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }
        if (content.ValueKind != JsonValueKind.Array)
        {
            return "";
        }
        var text = "";
        foreach (var block in content.EnumerateArray())
        {
            var type = block.Str("type");
            if (type == "text")
            {
                text += block.Str("text");
            }
            else if (type == "tool_result")
            {
                hasToolResult = true;
                extraChars += block.Prop("content").ValueKind == JsonValueKind.Undefined ? 0 : block.Prop("content").GetRawText().Length;
            }
            else
            {
                extraChars += type is "image" or "document" ? ImageChars : block.GetRawText().Length;
            }
        }
        return text;
    }

    private static bool TryTools(JsonElement body, out List<ToolSpec> tools, out ErrorReply? error)
    {
        tools = [];
        error = null;
        if (!body.TryGetProperty("tools", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return true;
        }
        var i = 0;
        foreach (var tool in list.EnumerateArray())
        {
            if (tool.Str("name") is not { } name)
            {
                error = AnthropicErrors.Invalid($"tools.{i}.custom.name: Field required");
                return false;
            }
            JsonElement? schema = tool.Has("input_schema") ? tool.Prop("input_schema").Clone() : null;
            tools.Add(new ToolSpec(name, schema));
            i++;
        }
        return true;
    }

    private static string? ToolChoice(JsonElement body) =>
        body.Prop("tool_choice").Str("type") switch
        {
            "any" => ChatPrompt.AnyTool,
            "none" => "none",
            "tool" => body.Prop("tool_choice").Str("name") ?? ChatPrompt.AnyTool,
            _ => null,
        };
}
