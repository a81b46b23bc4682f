using System.Text;
using System.Text.Json;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

namespace Dapr.AiProvider.LocalDapr.Sidecar.State;

/// <summary>JSON shapes of the HTTP state API (state items in, bulk results out).</summary>
internal static class StateJson
{
    /// <summary><c>{"key","value","etag","metadata":{},"options":{"concurrency"}}</c>; the value is stored as its JSON text.</summary>
    public static SaveItem ParseItem(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("key", out var keyElement) || keyElement.GetString() is not { Length: > 0 } key)
        {
            throw ApiException.BadRequest("ERR_MALFORMED_REQUEST", "failed deserializing HTTP body: each state item needs a 'key'");
        }
        var value = item.TryGetProperty("value", out var v) ? Encoding.UTF8.GetBytes(v.GetRawText()) : [];
        var etag = item.TryGetProperty("etag", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        Dictionary<string, string>? metadata = null;
        if (item.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object)
        {
            metadata = m.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal);
        }
        var concurrency = item.TryGetProperty("options", out var o) && o.ValueKind == JsonValueKind.Object
            && o.TryGetProperty("concurrency", out var c) ? c.GetString() : null;
        return new SaveItem(key, value, etag, metadata, concurrency);
    }

    /// <summary><c>[{"key","data","etag"}|{"key","error"}]</c>; data inline when it is JSON, else a JSON string.</summary>
    public static async Task WriteBulkAsync(Stream body, IReadOnlyList<BulkStateItem> items, CancellationToken ct)
    {
        await using var writer = new Utf8JsonWriter(body);
        writer.WriteStartArray();
        foreach (var item in items)
        {
            writer.WriteStartObject();
            writer.WriteString("key", item.Key);
            if (item.Error is { } error)
            {
                writer.WriteString("error", error);
            }
            else if (item.Entry is { } entry && (entry.Value.Length > 0 || entry.ETag.Length > 0))
            {
                writer.WritePropertyName("data");
                WriteData(writer, entry.Value);
                if (entry.ETag.Length > 0)
                {
                    writer.WriteString("etag", entry.ETag);
                }
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        await writer.FlushAsync(ct);
    }

    private static void WriteData(Utf8JsonWriter writer, byte[] value)
    {
        var reader = new Utf8JsonReader(value);
        try
        {
            if (JsonDocument.TryParseValue(ref reader, out var doc))
            {
                using (doc)
                {
                    doc.RootElement.WriteTo(writer);
                    return;
                }
            }
        }
        catch (JsonException)
        {
        }
        writer.WriteStringValue(Encoding.UTF8.GetString(value));
    }
}
