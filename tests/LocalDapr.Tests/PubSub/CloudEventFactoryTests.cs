using System.Text;
using System.Text.Json;
using Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

namespace Dapr.AiProvider.LocalDapr.Tests.PubSub;

/// <summary>The envelope rules of components-contrib pubsub/envelope.go, checked without a broker.</summary>
public sealed class CloudEventFactoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Create_NoContentType_TextPlainStringData()
    {
        var ce = Create("hello", null);

        Assert.Equal("text/plain", ce.GetProperty("datacontenttype").GetString());
        Assert.Equal("hello", ce.GetProperty("data").GetString());
        Assert.Equal("2026-01-02T03:04:05Z", ce.GetProperty("time").GetString());
    }

    [Fact]
    public void Create_JsonContentTypeWithInvalidJson_KeepsDataAsString()
    {
        var ce = Create("{not json", "application/json");

        Assert.Equal(JsonValueKind.String, ce.GetProperty("data").ValueKind);
    }

    [Fact]
    public void Create_OctetStream_UsesDataBase64()
    {
        var ce = Create("bin", "application/octet-stream");

        Assert.Equal("Ymlu", ce.GetProperty("data_base64").GetString());
        Assert.False(ce.TryGetProperty("data", out _));
    }

    [Fact]
    public void Create_CloudEventMetadataOverrides_AppliedToEnvelope()
    {
        var ce = Create("{}", "application/json", new()
        {
            ["cloudevent.id"] = "fixed-id", ["cloudevent.type"] = "my.type", ["cloudevent.source"] = "elsewhere",
            ["cloudevent.subject"] = "subj", ["cloudevent.traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        });

        Assert.Equal("fixed-id", ce.GetProperty("id").GetString());
        Assert.Equal("my.type", ce.GetProperty("type").GetString());
        Assert.Equal("elsewhere", ce.GetProperty("source").GetString());
        Assert.Equal("subj", ce.GetProperty("subject").GetString());
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", ce.GetProperty("traceid").GetString());
    }

    [Fact]
    public void Create_TtlInSeconds_AddsExpiration()
    {
        var ce = Create("x", "text/plain", new() { ["ttlInSeconds"] = "30" });

        Assert.Equal("2026-01-02T03:04:35Z", ce.GetProperty("expiration").GetString());
    }

    [Fact]
    public void Create_IncomingCloudEventWithoutSource_GetsDaprDefaults()
    {
        var ce = Create("""{"id":"keep","data":1}""", "application/cloudevents+json");

        Assert.Equal("keep", ce.GetProperty("id").GetString());
        Assert.Equal("Dapr", ce.GetProperty("source").GetString());
        Assert.Equal("com.dapr.event.sent", ce.GetProperty("type").GetString());
        Assert.Equal("t", ce.GetProperty("topic").GetString());
    }

    [Fact]
    public void Create_IncomingCloudEventNotAnObject_Throws()
    {
        Assert.ThrowsAny<JsonException>(() => Create("[1]", "application/cloudevents+json"));
    }

    private static JsonElement Create(string data, string? contentType, Dictionary<string, string>? metadata = null)
    {
        var context = new PublishContext("app", "ps", "t", Now, metadata ?? []);
        var bytes = CloudEventFactory.Create(context, Encoding.UTF8.GetBytes(data), contentType);
        return JsonDocument.Parse(bytes).RootElement;
    }
}
