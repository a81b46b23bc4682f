using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Errors;

namespace Dapr.AiProvider.Router.Api;

/// <summary>
/// Semantic checks of a well-formed chat request (422 with the offending parameter), and the size limits of
/// <c>Router:Limits</c> (messages and tools: 400 <c>array_above_max_length</c> as OpenAI answers; tool schemas: 413).
/// </summary>
internal static class ChatRequestValidator
{
    private static readonly HashSet<string> Roles = new(StringComparer.Ordinal) { "system", "developer", "user", "assistant", "tool", "function" };

    public static GatewayError? Validate(ChatCompletionRequest request, RequestLimitOptions limits)
    {
        if (request.Messages is null || request.Messages.Count == 0)
        {
            return GatewayError.Unprocessable("'messages' must contain at least one message.", "messages");
        }
        if (request.Messages.Count > limits.MaxMessages)
        {
            return TooLong("messages", limits.MaxMessages, request.Messages.Count);
        }
        for (var i = 0; i < request.Messages.Count; i++)
        {
            var message = request.Messages[i];
            if (message?.Role is not { } role || !Roles.Contains(role))
            {
                return GatewayError.Unprocessable($"messages[{i}].role must be one of: {string.Join(", ", Roles)}.", $"messages[{i}].role");
            }
            if (message.Content is { ValueKind: not (JsonValueKind.String or JsonValueKind.Array or JsonValueKind.Null) })
            {
                return GatewayError.Unprocessable($"messages[{i}].content must be a string or an array of content parts.", $"messages[{i}].content");
            }
            if (!HasValidText(message))
            {
                return GatewayError.Unprocessable($"messages[{i}].content is not valid Unicode text (an unpaired surrogate escape).", $"messages[{i}].content");
            }
        }
        if (request.Temperature is < 0 or > 2)
        {
            return GatewayError.Unprocessable("'temperature' must be between 0 and 2.", "temperature");
        }
        if (request.TopP is < 0 or > 1)
        {
            return GatewayError.Unprocessable("'top_p' must be between 0 and 1.", "top_p");
        }
        if (request.OutputTokenLimit is < 1)
        {
            return GatewayError.Unprocessable("'max_tokens' / 'max_completion_tokens' must be at least 1.", "max_tokens");
        }
        if (request.N is < 1 or > 8)
        {
            return GatewayError.Unprocessable("'n' must be between 1 and 8.", "n");
        }
        if (request.Tools is { ValueKind: not (JsonValueKind.Array or JsonValueKind.Null) })
        {
            return GatewayError.Unprocessable("'tools' must be an array.", "tools");
        }
        if (request.Tools is { ValueKind: JsonValueKind.Array } tools)
        {
            if (tools.GetArrayLength() > limits.MaxTools)
            {
                return TooLong("tools", limits.MaxTools, tools.GetArrayLength());
            }
            // The body was parsed from at most MaxRequestBytes, so measuring the tools' text is bounded work.
            if (System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(tools).Length > limits.MaxToolsBytes)
            {
                return new GatewayError(413, "tools_too_large",
                    $"The tool definitions exceed the limit of {limits.MaxToolsBytes} bytes of JSON.") { Param = "tools", Type = "invalid_request_error" };
            }
        }
        return null;
    }

    private static GatewayError TooLong(string param, int max, int count) =>
        new(400, "array_above_max_length", $"Invalid '{param}': array too long. Expected an array with maximum length {max}, but got an array with length {count} instead.")
        { Param = param };

    /// <summary>JSON may escape a lone surrogate (<c>"\ud800"</c>) that no string can hold; reading it throws.</summary>
    private static bool HasValidText(ChatMessage message)
    {
        try
        {
            _ = message.Text();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Capabilities the request needs from a model.</summary>
    public static List<string> RequiredCapabilities(ChatCompletionRequest request, bool stream)
    {
        var capabilities = new List<string>(3);
        if (request.Tools is { ValueKind: JsonValueKind.Array } tools && tools.GetArrayLength() > 0)
        {
            capabilities.Add("tools");
        }
        if (request.ResponseFormat is { ValueKind: JsonValueKind.Object } format
            && format.TryGetProperty("type", out var type) && !type.ValueEquals("text"))
        {
            capabilities.Add("json");
        }
        if (HasImages(request))
        {
            capabilities.Add("vision");
        }
        if (stream)
        {
            capabilities.Add("stream");
        }
        return capabilities;
    }

    private static bool HasImages(ChatCompletionRequest request)
    {
        foreach (var message in request.Messages)
        {
            if (message.Content is not { ValueKind: JsonValueKind.Array } parts)
            {
                continue;
            }
            foreach (var part in parts.EnumerateArray())
            {
                if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var type) && type.ValueEquals("image_url"))
                {
                    return true;
                }
            }
        }
        return false;
    }
}
