using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>
/// Builds the CloudEvent envelope as daprd does (dapr pkg/runtime/pubsub/cloudevents.go,
/// components-contrib pubsub/envelope.go): new envelope for plain payloads, an incoming
/// <c>application/cloudevents+json</c> body kept and enriched, <c>cloudevent.*</c> metadata overrides,
/// <c>ttlInSeconds</c> → <c>expiration</c> (Redis Streams have no native message TTL).
/// </summary>
internal static class CloudEventFactory
{
    public const string DefaultType = "com.dapr.event.sent";
    public const string DefaultSource = "Dapr";

    /// <exception cref="JsonException">An incoming CloudEvent is not a JSON object.</exception>
    public static byte[] Create(PublishContext context, ReadOnlyMemory<byte> data, string? contentType)
    {
        var (traceParent, traceState) = Trace(context.Metadata);
        JsonDocument? jsonData = null;
        try
        {
            var envelope = ContentTypes.IsCloudEvent(contentType)
                ? Enrich(data, context, traceParent, traceState)
                : Envelope(data, contentType, context, traceParent, traceState, out jsonData);
            if (Meta(context.Metadata, "ttlInSeconds") is { } ttlText
                && long.TryParse(ttlText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ttl) && ttl > 0)
            {
                envelope["expiration"] = Rfc3339(context.Now.AddSeconds(ttl));
            }
            return JsonSerializer.SerializeToUtf8Bytes(envelope, PubSubJsonContext.Default.JsonObject);
        }
        finally
        {
            jsonData?.Dispose();
        }
    }

    /// <summary>The envelope daprd synthesises on the subscriber side for a <c>rawPayload</c> subscription.</summary>
    public static byte[] FromRawPayload(ReadOnlyMemory<byte> data, string pubsubName, string topic)
    {
        var envelope = new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["specversion"] = "1.0",
            ["datacontenttype"] = "application/octet-stream",
            ["source"] = DefaultSource,
            ["type"] = DefaultType,
            ["topic"] = topic,
            ["pubsubname"] = pubsubName,
            ["data_base64"] = Convert.ToBase64String(data.Span),
        };
        return JsonSerializer.SerializeToUtf8Bytes(envelope, PubSubJsonContext.Default.JsonObject);
    }

    public static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <param name="jsonData">The parsed JSON data the envelope refers to; the caller disposes it once the envelope is written.</param>
    private static JsonObject Envelope(ReadOnlyMemory<byte> data, string? contentType, PublishContext context,
        string traceParent, string traceState, out JsonDocument? jsonData)
    {
        jsonData = null;
        var dataContentType = string.IsNullOrEmpty(contentType) ? "text/plain" : contentType;
        var envelope = new JsonObject
        {
            ["id"] = Meta(context.Metadata, "cloudevent.id") ?? Guid.NewGuid().ToString(),
            ["specversion"] = "1.0",
            ["datacontenttype"] = dataContentType,
            ["source"] = Meta(context.Metadata, "cloudevent.source") ?? context.AppId,
            ["type"] = Meta(context.Metadata, "cloudevent.type") ?? DefaultType,
            ["topic"] = context.Topic,
            ["pubsubname"] = context.PubSubName,
            ["traceid"] = traceParent,
            ["traceparent"] = traceParent,
            ["tracestate"] = traceState,
            ["time"] = Rfc3339(context.Now),
        };
        if (ContentTypes.IsJson(dataContentType) && TryParseJson(data) is { } json)
        {
            jsonData = json;
            envelope["data"] = Node(json.RootElement);
        }
        else if (ContentTypes.IsBinary(dataContentType))
        {
            envelope["data_base64"] = Convert.ToBase64String(data.Span);
        }
        else
        {
            envelope["data"] = Encoding.UTF8.GetString(data.Span);
        }
        if (Meta(context.Metadata, "cloudevent.subject") is { Length: > 0 } subject)
        {
            envelope["subject"] = subject;
        }
        return envelope;
    }

    private static JsonObject Enrich(ReadOnlyMemory<byte> data, PublishContext context, string traceParent, string traceState)
    {
        var envelope = JsonNode.Parse(data.Span) as JsonObject
            ?? throw new JsonException("the CloudEvent is not a JSON object");
        envelope["traceid"] = traceParent;
        envelope["traceparent"] = traceParent;
        envelope["tracestate"] = traceState;
        envelope["topic"] = context.Topic;
        envelope["pubsubname"] = context.PubSubName;
        envelope["source"] ??= DefaultSource;
        envelope["type"] ??= DefaultType;
        envelope["specversion"] ??= "1.0";
        envelope["time"] ??= Rfc3339(context.Now);
        return envelope;
    }

    /// <summary>
    /// The data parsed in place: its index comes from the array pool and goes back on dispose, where
    /// <c>JsonNode.Parse</c> copied the data and allocated the index for every event.
    /// </summary>
    private static JsonDocument? TryParseJson(ReadOnlyMemory<byte> data)
    {
        try
        {
            return JsonDocument.Parse(data);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The node <c>JsonNode.Parse</c> would return for the element, unmaterialised: it writes the element as parsed.</summary>
    private static JsonNode? Node(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => JsonObject.Create(element),
        JsonValueKind.Array => JsonArray.Create(element),
        _ => JsonValue.Create(element),
    };

    private static (string TraceParent, string TraceState) Trace(IReadOnlyDictionary<string, string> metadata)
    {
        var traceParent = Meta(metadata, "cloudevent.traceparent") ?? Meta(metadata, "cloudevent.traceid");
        var activity = Activity.Current;
        if (traceParent is null && activity is { IdFormat: ActivityIdFormat.W3C })
        {
            traceParent = activity.Id;
        }
        traceParent ??= $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";
        var traceState = Meta(metadata, "cloudevent.tracestate") ?? activity?.TraceStateString ?? "";
        return (traceParent, traceState);
    }

    private static string? Meta(IReadOnlyDictionary<string, string> metadata, string key)
    {
        foreach (var (k, v) in metadata)
        {
            if (string.Equals(k, key, StringComparison.OrdinalIgnoreCase))
            {
                return v;
            }
        }
        return null;
    }
}
