using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Errors;

namespace Dapr.AiProvider.Router.Api.Anthropic;

/// <summary>
/// An Anthropic Messages request as the gateway's chat request (OpenAI chat shape), so it runs the one pipeline
/// and reaches any provider. <c>system</c> becomes a system message, <c>tool_use</c> blocks assistant
/// <c>tool_calls</c>, each <c>tool_result</c> a <c>tool</c> message, images <c>image_url</c> parts (base64 as a
/// data URL). The body itself rides along (<c>AnthropicBody</c>): an Anthropic upstream gets it as written, thinking,
/// cache_control and the rest included; other families get the translation, and what they cannot honour is named in
/// <c>x-aiprovider-dropped-params</c>. Anything the gateway cannot carry to every family is a 400.
/// </summary>
internal static class AnthropicToChat
{
    /// <param name="countOnly">count_tokens: <c>max_tokens</c> is not required.</param>
    public static (ChatCompletionRequest? Request, GatewayError? Error) Translate(AnthropicRequest body, bool countOnly = false)
    {
        if (string.IsNullOrWhiteSpace(body.Model))
        {
            return Fail("model: Field required", "model");
        }
        if (!countOnly && body.MaxTokens is null)
        {
            return Fail("max_tokens: Field required", "max_tokens");
        }
        if (body.MaxTokens is < 1)
        {
            return Fail("max_tokens: must be at least 1", "max_tokens");
        }
        if (body.Messages is not { Count: > 0 } messages)
        {
            return Fail("messages: at least one message is required", "messages");
        }
        var chat = new List<ChatMessage>(messages.Count + 1);
        if (body.System is { } system && AddSystem(chat, system, "system") is { } systemError)
        {
            return (null, systemError);
        }
        for (var i = 0; i < messages.Count; i++)
        {
            var error = messages[i].Role switch
            {
                "user" => AddUser(chat, messages[i].Content, i),
                "assistant" => AddAssistant(chat, messages[i].Content, i),
                "system" => AddSystem(chat, messages[i].Content, $"messages.{i}.content"),
                _ => Invalid($"messages.{i}.role: must be 'user', 'assistant' or 'system'", $"messages.{i}.role"),
            };
            if (error is not null)
            {
                return (null, error);
            }
        }
        var (tools, toolsError) = Tools(body.Tools);
        if (toolsError is not null)
        {
            return (null, toolsError);
        }
        var (toolChoice, choiceError) = ToolChoice(body.ToolChoice);
        if (choiceError is not null)
        {
            return (null, choiceError);
        }
        return (new ChatCompletionRequest
        {
            Model = body.Model,
            Messages = chat,
            MaxTokens = body.MaxTokens,
            Temperature = body.Temperature,
            TopP = body.TopP,
            Stop = body.StopSequences is { Count: > 0 } stops ? JsonElements.Build(w =>
            {
                w.WriteStartArray();
                foreach (var stop in stops)
                {
                    w.WriteStringValue(stop);
                }
                w.WriteEndArray();
            }) : null,
            Stream = body.Stream,
            Tools = tools,
            ToolChoice = toolChoice,
            User = body.Metadata?.UserId,
            // The body as sent, for Anthropic upstreams (count_tokens never goes upstream).
            AnthropicBody = countOnly ? null : JsonSerializer.SerializeToElement(body, DialectJsonContext.Default.AnthropicRequest),
        }, null);
    }

    /// <summary>The top-level <c>system</c>, or a system message in the list (the SDKs' <c>SystemMessageParam</c>).</summary>
    private static GatewayError? AddSystem(List<ChatMessage> chat, JsonElement? content, string param)
    {
        if (content is not { } value || BlocksText(value) is not { } text)
        {
            return Invalid($"{param}: must be a string or a list of text blocks", param);
        }
        chat.Add(ChatMessage.FromText("system", text));
        return null;
    }

    private static GatewayError? AddUser(List<ChatMessage> chat, JsonElement? content, int i)
    {
        if (content is { ValueKind: JsonValueKind.String } text)
        {
            chat.Add(new ChatMessage { Role = "user", Content = text });
            return null;
        }
        if (content is not { ValueKind: JsonValueKind.Array } blocks)
        {
            return Invalid($"messages.{i}.content: must be a string or a list of content blocks", $"messages.{i}.content");
        }
        var parts = new List<JsonElement>();
        var j = 0;
        foreach (var block in blocks.EnumerateArray())
        {
            var where = $"messages.{i}.content.{j++}";
            switch (block.Str("type"))
            {
                case "text":
                    parts.Add(TextPart(block.Str("text") ?? ""));
                    break;
                case "image":
                    if (ImageUrl(block) is not { } url)
                    {
                        return Invalid($"{where}.source: an image needs a base64 source (media_type, data) or a url source", $"{where}.source");
                    }
                    parts.Add(JsonElements.Build(w =>
                    {
                        w.WriteStartObject();
                        w.WriteString("type", "image_url");
                        w.WritePropertyName("image_url");
                        w.WriteStartObject();
                        w.WriteString("url", url);
                        w.WriteEndObject();
                        w.WriteEndObject();
                    }));
                    break;
                case "tool_result":
                    if (block.Str("tool_use_id") is not { } toolUseId)
                    {
                        return Invalid($"{where}.tool_use_id: Field required", $"{where}.tool_use_id");
                    }
                    var result = block.TryGetProperty("content", out var resultContent) ? BlocksText(resultContent) : "";
                    if (result is null)
                    {
                        return Invalid($"{where}.content: a tool result must be a string or text blocks here (the chosen provider may not read images in tool results)", $"{where}.content");
                    }
                    var isError = block.TryGetProperty("is_error", out var flag) && flag.ValueKind == JsonValueKind.True;
                    // OpenAI's tool message has no error flag: the text says so, the model still reads it.
                    chat.Add(new ChatMessage { Role = "tool", ToolCallId = toolUseId, Content = JsonElements.String(isError ? "Error: " + result : result) });
                    break;
                case "thinking" or "redacted_thinking":
                    break;
                case var other:
                    return Invalid($"{where}.type: '{other}' blocks are not supported in user messages (text, image, tool_result)", $"{where}.type");
            }
        }
        if (parts.Count > 0)
        {
            chat.Add(new ChatMessage { Role = "user", Content = JsonElements.Build(w =>
            {
                w.WriteStartArray();
                foreach (var part in parts)
                {
                    part.WriteTo(w);
                }
                w.WriteEndArray();
            }) });
        }
        return null;
    }

    private static GatewayError? AddAssistant(List<ChatMessage> chat, JsonElement? content, int i)
    {
        if (content is { ValueKind: JsonValueKind.String } text)
        {
            chat.Add(new ChatMessage { Role = "assistant", Content = text });
            return null;
        }
        if (content is not { ValueKind: JsonValueKind.Array } blocks)
        {
            return Invalid($"messages.{i}.content: must be a string or a list of content blocks", $"messages.{i}.content");
        }
        var textParts = new StringBuilder();
        var calls = new List<JsonElement>();
        var j = 0;
        foreach (var block in blocks.EnumerateArray())
        {
            var where = $"messages.{i}.content.{j++}";
            switch (block.Str("type"))
            {
                case "text":
                    textParts.Append(block.Str("text"));
                    break;
                case "tool_use":
                    if (block.Str("id") is not { } id || block.Str("name") is not { } name)
                    {
                        return Invalid($"{where}: a tool_use block needs id and name", where);
                    }
                    var input = block.TryGetProperty("input", out var value) ? value.GetRawText() : "{}";
                    calls.Add(JsonElements.Build(w =>
                    {
                        w.WriteStartObject();
                        w.WriteString("id", id);
                        w.WriteString("type", "function");
                        w.WritePropertyName("function");
                        w.WriteStartObject();
                        w.WriteString("name", name);
                        w.WriteString("arguments", input);
                        w.WriteEndObject();
                        w.WriteEndObject();
                    }));
                    break;
                case "thinking" or "redacted_thinking":
                    break;
                case var other:
                    return Invalid($"{where}.type: '{other}' blocks are not supported in assistant messages (text, tool_use)", $"{where}.type");
            }
        }
        chat.Add(new ChatMessage
        {
            Role = "assistant",
            Content = textParts.Length > 0 || calls.Count == 0 ? JsonElements.String(textParts.ToString()) : null,
            ToolCalls = calls.Count == 0 ? null : JsonElements.Build(w =>
            {
                w.WriteStartArray();
                foreach (var call in calls)
                {
                    call.WriteTo(w);
                }
                w.WriteEndArray();
            }),
        });
        return null;
    }

    /// <summary>Anthropic tools (<c>name, description, input_schema</c>) as OpenAI function tools. Server tools (web search …) have no equivalent elsewhere.</summary>
    private static (JsonElement? Tools, GatewayError? Error) Tools(JsonElement? tools)
    {
        if (tools is null || tools.Value.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }
        if (tools.Value.ValueKind != JsonValueKind.Array)
        {
            return (null, Invalid("tools: must be a list", "tools"));
        }
        var i = 0;
        foreach (var tool in tools.Value.EnumerateArray())
        {
            if (tool.Str("type") is { } type && type != "custom")
            {
                return (null, Invalid($"tools.{i}.type: '{type}' is an Anthropic server tool; the gateway routes to any provider and supports custom tools only", $"tools.{i}.type"));
            }
            if (tool.Str("name") is null)
            {
                return (null, Invalid($"tools.{i}.name: Field required", $"tools.{i}.name"));
            }
            i++;
        }
        return (JsonElements.Build(w =>
        {
            w.WriteStartArray();
            foreach (var tool in tools.Value.EnumerateArray())
            {
                w.WriteStartObject();
                w.WriteString("type", "function");
                w.WritePropertyName("function");
                w.WriteStartObject();
                w.WriteString("name", tool.Str("name"));
                if (tool.Str("description") is { } description)
                {
                    w.WriteString("description", description);
                }
                w.WritePropertyName("parameters");
                if (tool.TryGetProperty("input_schema", out var schema))
                {
                    schema.WriteTo(w);
                }
                else
                {
                    w.WriteStartObject();
                    w.WriteString("type", "object");
                    w.WriteEndObject();
                }
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }), null);
    }

    /// <summary>auto → "auto", any → "required", none → "none", tool → the named function.</summary>
    private static (JsonElement? Choice, GatewayError? Error) ToolChoice(JsonElement? choice)
    {
        if (choice is null || choice.Value.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }
        return choice.Value.Str("type") switch
        {
            "auto" => (JsonElements.String("auto"), null),
            "any" => (JsonElements.String("required"), null),
            "none" => (JsonElements.String("none"), null),
            "tool" when choice.Value.Str("name") is { } name => (JsonElements.Build(w =>
            {
                w.WriteStartObject();
                w.WriteString("type", "function");
                w.WritePropertyName("function");
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteEndObject();
                w.WriteEndObject();
            }), null),
            "tool" => (null, Invalid("tool_choice.name: Field required when type is 'tool'", "tool_choice.name")),
            _ => (null, Invalid("tool_choice.type: must be auto, any, tool or none", "tool_choice.type")),
        };
    }

    /// <summary>A string, or the text blocks of a list joined by newlines; null when it holds anything else.</summary>
    private static string? BlocksText(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        var text = new StringBuilder();
        foreach (var block in value.EnumerateArray())
        {
            if (block.Str("type") is "text")
            {
                if (text.Length > 0)
                {
                    text.Append('\n');
                }
                text.Append(block.Str("text"));
            }
            else
            {
                return null;
            }
        }
        return text.ToString();
    }

    private static string? ImageUrl(JsonElement block)
    {
        if (!block.TryGetProperty("source", out var source))
        {
            return null;
        }
        return source.Str("type") switch
        {
            "base64" when source.Str("media_type") is { } media && source.Str("data") is { } data => $"data:{media};base64,{data}",
            "url" => source.Str("url"),
            _ => null,
        };
    }

    private static JsonElement TextPart(string text) => JsonElements.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "text");
        w.WriteString("text", text);
        w.WriteEndObject();
    });

    private static GatewayError Invalid(string message, string param) => new(400, "invalid_request", message) { Param = param };

    private static (ChatCompletionRequest?, GatewayError?) Fail(string message, string param) => (null, Invalid(message, param));
}
