using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>
    /// The data is parsed in place from a pooled document; the envelope must carry it exactly as the
    /// <c>JsonNode.Parse</c> round trip did (whitespace dropped, strings re-escaped by the writer, numbers as sent).
    /// </summary>
    [Theory]
    [InlineData("""{ "a" : [1, 2.50, -0e3, "\u00e9é<&'+"], "b": null, "c": {"d": true} }""")]
    [InlineData(""" [ {"x": "\"quoted\" \ud83d\ude00"}, [], 7 ] """)]
    [InlineData("\"just a string\"")]
    [InlineData("12.5e-3")]
    [InlineData("null")]
    public void Create_JsonData_WrittenAsTheParserRewritesIt(string data)
    {
        var ce = Create(data, "application/json");

        var expected = JsonNode.Parse(data)?.ToJsonString(PubSubJsonContext.Default.Options) ?? "null";
        Assert.Equal(expected, ce.GetProperty("data").GetRawText());
    }

    [Fact]
    public void Create_JsonDataAndTtl_ExpirationFollowsTheData()
    {
        var context = new PublishContext("app", "ps", "t", Now, new Dictionary<string, string> { ["ttlInSeconds"] = "30" });
        var bytes = CloudEventFactory.Create(context, Encoding.UTF8.GetBytes("""{"n":1}"""), "application/json");

        var text = Encoding.UTF8.GetString(bytes);
        Assert.EndsWith(""","data":{"n":1},"expiration":"2026-01-02T03:04:35Z"}""", text);
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
