using System.Buffers;
using System.Text.Json;

namespace Dapr.AiProvider.Router.Api;

/// <summary>Builds a <see cref="JsonElement"/> with a writer: how the dialect translators make the raw-JSON fields of a chat request.</summary>
internal static class JsonElements
{
    public static JsonElement Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    public static JsonElement String(string value) => Build(w => w.WriteStringValue(value));

    /// <summary>Tool-call arguments as a JSON object: empty means <c>{}</c>; text that is not a JSON object is kept under <c>_raw_arguments</c>.</summary>
    public static JsonElement ArgumentsObject(string? arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments))
        {
            return Build(w => { w.WriteStartObject(); w.WriteEndObject(); });
        }
        try
        {
            using var document = JsonDocument.Parse(arguments);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document.RootElement.Clone();
            }
        }
        catch (JsonException)
        {
        }
        return Build(w => { w.WriteStartObject(); w.WriteString("_raw_arguments", arguments); w.WriteEndObject(); });
    }

    public static string? Str(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;
}
