using System.Text.Json;

namespace Dapr.AiProvider.ProviderAdapters.Errors;

/// <summary>Tolerant reading of provider error bodies (any shape, or not JSON at all).</summary>
internal static class ErrorBody
{
    private const int MaxMessageLength = 300;

    public static JsonElement? Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A string property, or the nested path's string (e.g. <c>error</c>, <c>type</c>).</summary>
    public static string? String(JsonElement? element, params string[] path)
    {
        if (element is not { } current)
        {
            return null;
        }
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }
        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Number => current.GetRawText(),
            _ => null,
        };
    }

    /// <summary>The first entry's message of Cloudflare's envelope <c>{"success":false,"errors":[{"code","message"}]}</c>.</summary>
    public static string? EnvelopeMessage(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("errors", out var errors)
            && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0
            ? String(errors[0], "message")
            : null;

    /// <summary>A message safe to pass on: bounded length, no control characters.</summary>
    public static string Safe(string? message, string fallback)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return fallback;
        }
        var text = message.ReplaceLineEndings(" ").Trim();
        return text.Length <= MaxMessageLength ? text : text[..MaxMessageLength] + "…";
    }

    public static bool Contains(string? text, string fragment) =>
        text is not null && text.Contains(fragment, StringComparison.OrdinalIgnoreCase);
}
