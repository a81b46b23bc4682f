using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Errors;

namespace Dapr.AiProvider.Router.Api.Responses;

/// <summary>
/// A Responses request as the gateway's chat request: <c>instructions</c> and system/developer items become system
/// messages, <c>function_call</c> items assistant tool calls, <c>function_call_output</c> items tool messages,
/// <c>input_image</c> parts <c>image_url</c> parts. Reasoning items (opaque, readable only by OpenAI) are not sent
/// on. Stored state (<c>store: true</c>, <c>previous_response_id</c>), hosted tools and files are a 400.
/// </summary>
internal static class ResponsesToChat
{
    public static (ChatCompletionRequest? Request, GatewayError? Error) Translate(ResponsesRequest body)
    {
        if (body.PreviousResponseId is not null)
        {
            return Unsupported("previous_response_id is not supported: this gateway is stateless and stores no responses. Send the whole conversation in 'input'.", "previous_response_id");
        }
        if (body.Store == true)
        {
            return Unsupported("store: true is not supported: this gateway is stateless and stores no responses. Omit 'store' or set it to false.", "store");
        }
        if (string.IsNullOrWhiteSpace(body.Model))
        {
            return Fail("Missing required parameter: 'model'.", "model");
        }
        if (body.MaxOutputTokens is < 1)
        {
            return Fail("max_output_tokens must be at least 1.", "max_output_tokens");
        }
        var chat = new List<ChatMessage>();
        if (!string.IsNullOrEmpty(body.Instructions))
        {
            chat.Add(ChatMessage.FromText("system", body.Instructions));
        }
        switch (body.Input)
        {
            case { ValueKind: JsonValueKind.String } text:
                chat.Add(new ChatMessage { Role = "user", Content = text });
                break;
            case { ValueKind: JsonValueKind.Array } items:
                var i = 0;
                foreach (var item in items.EnumerateArray())
                {
                    if (AddItem(chat, item, $"input[{i++}]") is { } error)
                    {
                        return (null, error);
                    }
                }
                break;
            default:
                return Fail("Missing required parameter: 'input' (a string or a list of input items).", "input");
        }
        if (chat.Count == 0 || chat.TrueForAll(m => m.Role == "system"))
        {
            return Fail("'input' must contain at least one message.", "input");
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
            MaxTokens = body.MaxOutputTokens,
            Temperature = body.Temperature,
            TopP = body.TopP,
            Stream = body.Stream,
            Tools = tools,
            ToolChoice = toolChoice,
            User = body.User,
        }, null);
    }

    private static GatewayError? AddItem(List<ChatMessage> chat, JsonElement item, string where)
    {
        var type = item.Str("type") ?? (item.Str("role") is not null ? "message" : null);
        switch (type)
        {
            case "message":
                return AddMessage(chat, item, where);
            case "function_call":
                if (item.Str("call_id") is not { } callId || item.Str("name") is not { } name)
                {
                    return Invalid($"{where}: a function_call item needs call_id and name.", where);
                }
                var call = JsonElements.Build(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("id", callId);
                    w.WriteString("type", "function");
                    w.WritePropertyName("function");
                    w.WriteStartObject();
                    w.WriteString("name", name);
                    w.WriteString("arguments", item.Str("arguments") ?? "{}");
                    w.WriteEndObject();
                    w.WriteEndObject();
                });
                AppendToolCall(chat, call);
                return null;
            case "function_call_output":
                if (item.Str("call_id") is not { } outputId)
                {
                    return Invalid($"{where}.call_id: required for a function_call_output item.", $"{where}.call_id");
                }
                var output = item.TryGetProperty("output", out var value) ? PartsText(value) : "";
                if (output is null)
                {
                    return Invalid($"{where}.output: must be a string or input_text parts.", $"{where}.output");
                }
                chat.Add(new ChatMessage { Role = "tool", ToolCallId = outputId, Content = JsonElements.String(output) });
                return null;
            case "reasoning":
                return null;
            default:
                return Invalid($"{where}.type: '{type}' items are not supported (message, function_call, function_call_output).", $"{where}.type");
        }
    }

    private static GatewayError? AddMessage(List<ChatMessage> chat, JsonElement item, string where)
    {
        var role = item.Str("role") switch
        {
            "user" => "user",
            "assistant" => "assistant",
            "system" or "developer" => "system",
            _ => null,
        };
        if (role is null)
        {
            return Invalid($"{where}.role: must be user, assistant, system or developer.", $"{where}.role");
        }
        if (!item.TryGetProperty("content", out var content))
        {
            return Invalid($"{where}.content: required.", $"{where}.content");
        }
        if (content.ValueKind == JsonValueKind.String || role != "user")
        {
            var text = PartsText(content);
            if (text is null)
            {
                return Invalid($"{where}.content: {role} content must be text.", $"{where}.content");
            }
            chat.Add(ChatMessage.FromText(role, text));
            return null;
        }
        if (content.ValueKind != JsonValueKind.Array)
        {
            return Invalid($"{where}.content: must be a string or a list of content parts.", $"{where}.content");
        }
        var parts = new List<JsonElement>();
        var j = 0;
        foreach (var part in content.EnumerateArray())
        {
            var partWhere = $"{where}.content[{j++}]";
            switch (part.Str("type"))
            {
                case "input_text" or "output_text":
                    var text = part.Str("text") ?? "";
                    parts.Add(JsonElements.Build(w =>
                    {
                        w.WriteStartObject();
                        w.WriteString("type", "text");
                        w.WriteString("text", text);
                        w.WriteEndObject();
                    }));
                    break;
                case "input_image" when part.Str("image_url") is { } url:
                    var detail = part.Str("detail");
                    parts.Add(JsonElements.Build(w =>
                    {
                        w.WriteStartObject();
                        w.WriteString("type", "image_url");
                        w.WritePropertyName("image_url");
                        w.WriteStartObject();
                        w.WriteString("url", url);
                        if (detail is not null)
                        {
                            w.WriteString("detail", detail);
                        }
                        w.WriteEndObject();
                        w.WriteEndObject();
                    }));
                    break;
                case var other:
                    return Invalid($"{partWhere}.type: '{other}' is not supported here (input_text, input_image with image_url; uploaded files need OpenAI's storage).", $"{partWhere}.type");
            }
        }
        chat.Add(new ChatMessage { Role = "user", Content = JsonElements.Build(w =>
        {
            w.WriteStartArray();
            foreach (var part in parts)
            {
                part.WriteTo(w);
            }
            w.WriteEndArray();
        }) });
        return null;
    }

    /// <summary>Consecutive function_call items are one assistant turn with several tool calls.</summary>
    private static void AppendToolCall(List<ChatMessage> chat, JsonElement call)
    {
        var previous = chat.Count > 0 ? chat[^1] : null;
        var calls = new List<JsonElement>();
        if (previous is { Role: "assistant" })
        {
            if (previous.ToolCalls is { ValueKind: JsonValueKind.Array } existing)
            {
                calls.AddRange(existing.EnumerateArray());
            }
            chat.RemoveAt(chat.Count - 1);
        }
        calls.Add(call);
        chat.Add(new ChatMessage
        {
            Role = "assistant",
            Content = previous is { Role: "assistant" } ? previous.Content : null,
            ToolCalls = JsonElements.Build(w =>
            {
                w.WriteStartArray();
                foreach (var c in calls)
                {
                    c.WriteTo(w);
                }
                w.WriteEndArray();
            }),
        });
    }

    /// <summary>Function tools (<c>{type:function,name,parameters}</c>) in chat's nested shape; hosted tools run only inside OpenAI.</summary>
    private static (JsonElement? Tools, GatewayError? Error) Tools(JsonElement? tools)
    {
        if (tools is null || tools.Value.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }
        if (tools.Value.ValueKind != JsonValueKind.Array)
        {
            return (null, Invalid("tools: must be a list.", "tools"));
        }
        var i = 0;
        foreach (var tool in tools.Value.EnumerateArray())
        {
            if (tool.Str("type") != "function")
            {
                return (null, Invalid($"tools[{i}].type: '{tool.Str("type")}' is a hosted tool; the gateway routes to any provider and supports function tools only.", $"tools[{i}].type"));
            }
            if (tool.Str("name") is null)
            {
                return (null, Invalid($"tools[{i}].name: required.", $"tools[{i}].name"));
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
                foreach (var property in tool.EnumerateObject())
                {
                    if (property.Name is "name" or "description" or "parameters" or "strict")
                    {
                        property.WriteTo(w);
                    }
                }
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }), null);
    }

    private static (JsonElement? Choice, GatewayError? Error) ToolChoice(JsonElement? choice)
    {
        if (choice is null || choice.Value.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }
        if (choice.Value.ValueKind == JsonValueKind.String && choice.Value.GetString() is "auto" or "none" or "required")
        {
            return (choice, null);
        }
        if (choice.Value.Str("type") == "function" && choice.Value.Str("name") is { } name)
        {
            return (JsonElements.Build(w =>
            {
                w.WriteStartObject();
                w.WriteString("type", "function");
                w.WritePropertyName("function");
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteEndObject();
                w.WriteEndObject();
            }), null);
        }
        return (null, Invalid("tool_choice: must be auto, none, required or {\"type\":\"function\",\"name\":…}.", "tool_choice"));
    }

    /// <summary>A string, or the text of input_text / output_text parts; null for anything else.</summary>
    private static string? PartsText(JsonElement value)
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
        foreach (var part in value.EnumerateArray())
        {
            if (part.Str("type") is not ("input_text" or "output_text" or "text"))
            {
                return null;
            }
            text.Append(part.Str("text"));
        }
        return text.ToString();
    }

    private static GatewayError Invalid(string message, string param) => new(400, "invalid_request", message) { Param = param };

    private static (ChatCompletionRequest?, GatewayError?) Unsupported(string message, string param) =>
        (null, new GatewayError(400, "unsupported_parameter", message) { Param = param });

    private static (ChatCompletionRequest?, GatewayError?) Fail(string message, string param) => (null, Invalid(message, param));
}
