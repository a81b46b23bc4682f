using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using StackExchange.Redis;

namespace Dapr.AiProvider.LocalDapr.Tests.PubSub;

/// <summary>Publishing through the SDK and the HTTP API: the CloudEvent daprd builds, raw payloads, errors.</summary>
[Collection(PubSubCollection.Name)]
[Trait("Category", "Process")]
public sealed class PublishTests(PubSubFixture fixture)
{
    [Fact]
    public async Task PublishEventAsync_JsonData_DeliversDaprCloudEvent()
    {
        var marker = Guid.NewGuid().ToString("N");
        await fixture.Client.PublishEventAsync(PubSubTestApp.PubSub, "orders", new { marker, orderId = 7 });

        var delivery = (await fixture.Log.WaitForMarkerAsync("orders", marker, 1))[0];
        var ce = delivery.Event;
        Assert.StartsWith("application/cloudevents+json", delivery.ContentType);
        Assert.Equal("1.0", ce.GetProperty("specversion").GetString());
        Assert.Equal(PubSubFixture.AppId, ce.GetProperty("source").GetString());
        Assert.Equal("com.dapr.event.sent", ce.GetProperty("type").GetString());
        Assert.Equal("orders", ce.GetProperty("topic").GetString());
        Assert.Equal("pubsub", ce.GetProperty("pubsubname").GetString());
        Assert.Equal("application/json", ce.GetProperty("datacontenttype").GetString());
        Assert.Equal(7, ce.GetProperty("data").GetProperty("orderId").GetInt32());
        Assert.True(Guid.TryParse(ce.GetProperty("id").GetString(), out _));
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", ce.GetProperty("traceparent").GetString());
        Assert.Equal(ce.GetProperty("traceparent").GetString(), ce.GetProperty("traceid").GetString());
        Assert.True(DateTimeOffset.TryParse(ce.GetProperty("time").GetString(), out var time));
        Assert.InRange(time, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task PublishEventAsync_RawPayload_StoredUnwrappedAndDeliveredAsDataBase64()
    {
        var marker = Guid.NewGuid().ToString("N");
        var payload = JsonSerializer.Serialize(new { marker });
        await fixture.Client.PublishEventAsync(PubSubTestApp.PubSub, "raw", new { marker },
            new Dictionary<string, string> { ["rawPayload"] = "true" });

        var delivery = await WaitForRawAsync(marker);
        Assert.Equal("application/octet-stream", delivery.GetProperty("datacontenttype").GetString());
        Assert.Equal(payload, Encoding.UTF8.GetString(Convert.FromBase64String(delivery.GetProperty("data_base64").GetString()!)));

        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Redis.Address);
        var entries = await redis.GetDatabase().StreamRangeAsync("raw");
        Assert.Contains(entries, e => (string?)e["data"] == payload);
    }

    [Fact]
    public async Task PublishEventAsync_MaxLenApprox_TrimsTheStream()
    {
        // daprd passes maxLenApprox to XADD as MAXLEN ~: Redis trims whole stream nodes (100 entries each by
        // default), so the stream stays near the cap instead of growing with every publish.
        var topic = "trimmed-" + Guid.NewGuid().ToString("N");
        for (var i = 0; i < 500; i++)
        {
            await fixture.Client.PublishEventAsync(PubSubResources.TrimmedPubSubName, topic, new { i });
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Redis.Address);
        var length = await redis.GetDatabase().StreamLengthAsync(topic);
        Assert.InRange(length, 10, 200);
    }

    [Fact]
    public async Task HttpPublish_CloudEventBody_KeepsEventAndAddsTopic()
    {
        var http = fixture.Sidecar.CreateHttpClient();
        var marker = Guid.NewGuid().ToString("N");
        var body = JsonSerializer.Serialize(new
        {
            specversion = "1.0", id = "custom-" + marker, source = "my-source", type = "my.type",
            datacontenttype = "application/json", data = new { marker },
        });
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new("application/cloudevents+json");

        using var response = await http.PostAsync("v1.0/publish/pubsub/orders", content);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var ce = (await fixture.Log.WaitForMarkerAsync("orders", marker, 1))[0].Event;
        Assert.Equal("custom-" + marker, ce.GetProperty("id").GetString());
        Assert.Equal("my-source", ce.GetProperty("source").GetString());
        Assert.Equal("my.type", ce.GetProperty("type").GetString());
        Assert.Equal("orders", ce.GetProperty("topic").GetString());
        Assert.Equal("pubsub", ce.GetProperty("pubsubname").GetString());
    }

    [Fact]
    public async Task HttpPublish_UnknownPubSub_Returns404PubSubNotFound()
    {
        var http = fixture.Sidecar.CreateHttpClient();

        using var response = await http.PostAsync("v1.0/publish/nosuch/orders", new StringContent("x"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ERR_PUBSUB_NOT_FOUND", error.GetProperty("errorCode").GetString());
    }

    private async Task<JsonElement> WaitForRawAsync(string marker)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var delivery in fixture.Log.For("raw"))
            {
                var ce = delivery.Event;
                var data = Encoding.UTF8.GetString(Convert.FromBase64String(ce.GetProperty("data_base64").GetString()!));
                if (data.Contains(marker, StringComparison.Ordinal))
                {
                    return ce;
                }
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("raw payload not delivered");
    }
}
