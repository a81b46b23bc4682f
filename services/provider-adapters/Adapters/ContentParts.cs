using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.ProviderAdapters.Adapters;

/// <summary>One part of an OpenAI message: text, or an image given as a URL or as base64 data.</summary>
internal readonly record struct ContentPart(string? Text, string? ImageUrl, string? MediaType, string? Base64)
{
    public bool IsText => Text is not null;
    public bool IsInlineImage => Base64 is not null;
}

/// <summary>Reads an OpenAI message's content (string or parts) into <see cref="ContentPart"/>s.</summary>
internal static class ContentParts
{
    public static List<ContentPart> Of(ChatMessage message)
    {
        var parts = new List<ContentPart>();
        if (message.Content is not { } content)
        {
            return parts;
        }
        if (content.ValueKind == JsonValueKind.String)
        {
            parts.Add(new ContentPart(content.GetString() ?? "", null, null, null));
            return parts;
        }
        if (content.ValueKind != JsonValueKind.Array)
        {
            return parts;
        }
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type))
            {
                continue;
            }
            if (type.ValueEquals("text") && part.TryGetProperty("text", out var text))
            {
                parts.Add(new ContentPart(text.GetString() ?? "", null, null, null));
            }
            else if (type.ValueEquals("image_url") && part.TryGetProperty("image_url", out var image))
            {
                var url = image.ValueKind == JsonValueKind.String ? image.GetString()
                    : image.TryGetProperty("url", out var u) ? u.GetString() : null;
                if (!string.IsNullOrEmpty(url))
                {
                    parts.Add(Image(url));
                }
            }
        }
        return parts;
    }

    /// <summary><c>data:image/png;base64,…</c> becomes inline data; anything else stays a URL.</summary>
    public static ContentPart Image(string url)
    {
        const string prefix = "data:";
        var marker = url.IndexOf(";base64,", StringComparison.Ordinal);
        if (url.StartsWith(prefix, StringComparison.Ordinal) && marker > prefix.Length)
        {
            return new ContentPart(null, null, url[prefix.Length..marker], url[(marker + ";base64,".Length)..]);
        }
        return new ContentPart(null, url, GuessMediaType(url), null);
    }

    private static string GuessMediaType(string url)
    {
        var path = url.Split('?', 2)[0];
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => "image/png",
            ".gif" => "image/gif",
            ".webp" => "image/webp",
            _ => "image/jpeg",
        };
    }

    /// <summary>The JSON value of a tool call's <c>arguments</c> string (an object), or an empty object.</summary>
    public static void WriteArguments(Utf8JsonWriter writer, string? arguments)
    {
        if (!string.IsNullOrWhiteSpace(arguments))
        {
            try
            {
                using var document = JsonDocument.Parse(arguments);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    document.RootElement.WriteTo(writer);
                    return;
                }
            }
            catch (JsonException)
            {
                // Malformed arguments from a model: send an empty object rather than fail the whole request.
            }
        }
        writer.WriteStartObject();
        writer.WriteEndObject();
    }
}
