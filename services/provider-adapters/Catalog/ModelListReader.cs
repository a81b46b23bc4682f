using System.Text.Json;
using Dapr.AiProvider.ProviderAdapters.Configuration;

namespace Dapr.AiProvider.ProviderAdapters.Catalog;

/// <summary>
/// The model ids in a provider's own model list (OpenAI-shaped and Anthropic <c>data[].id</c>, Gemini
/// <c>models[].name</c> without <c>models/</c>). Null when the list is unreadable, empty or only one page of several:
/// a model is dropped only on the evidence of a complete list.
/// </summary>
internal static class ModelListReader
{
    public static IReadOnlySet<string>? Ids(string family, string body)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
        if (root.ValueKind != JsonValueKind.Object || IsPartial(root))
        {
            return null;
        }
        var (array, field, prefix) = family == ProviderFamilies.Gemini ? ("models", "name", "models/") : ("data", "id", "");
        if (!root.TryGetProperty(array, out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty(field, out var id) && id.GetString() is { Length: > 0 } text)
            {
                ids.Add(text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : text);
            }
        }
        return ids.Count > 0 ? ids : null;
    }

    /// <summary>Anthropic pages with <c>has_more</c>, Gemini with <c>nextPageToken</c>.</summary>
    private static bool IsPartial(JsonElement root) =>
        (root.TryGetProperty("has_more", out var more) && more.ValueKind == JsonValueKind.True)
        || (root.TryGetProperty("nextPageToken", out var token) && token.ValueKind == JsonValueKind.String && token.GetString() is { Length: > 0 });
}
