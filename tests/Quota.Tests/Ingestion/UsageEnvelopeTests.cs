using System.Buffers;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Quota.Ingestion;

namespace Dapr.AiProvider.Quota.Tests.Ingestion;

public sealed class UsageEnvelopeTests
{
    private static ReadOnlySequence<byte> Body(string json) => new(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"data":{"requestId":"r1","costMicros":5},"specversion":"1.0"}""")]
    [InlineData("""{"specversion":"1.0","extra":{"data":{"requestId":"nested"}},"data":{"requestId":"r1","costMicros":5}}""")]
    public void Parse_CloudEvent_ReadsTheDataMember(string json)
    {
        var usage = Assert.Single(UsageEnvelope.Parse(Body(json), cloudEvent: true));

        Assert.Equal(("r1", 5L), (usage.RequestId, usage.CostMicros));
    }

    [Fact]
    public void Parse_RawPayload_ReadsTheWholeBody()
    {
        var usage = Assert.Single(UsageEnvelope.Parse(Body("""{"requestId":"raw","costMicros":7}"""), cloudEvent: false));

        Assert.Equal(("raw", 7L), (usage.RequestId, usage.CostMicros));
    }

    [Fact]
    public void Parse_CloudEventWithoutData_ReturnsNoEvents()
    {
        Assert.Empty(UsageEnvelope.Parse(Body("""{"specversion":"1.0","id":"x"}"""), cloudEvent: true));
        Assert.Empty(UsageEnvelope.Parse(Body("""{"specversion":"1.0","data":null}"""), cloudEvent: true));
    }

    [Theory]
    [InlineData(true, """{"type":"io.aiprovider.usage.batch.v1","data":{"events":[{"requestId":"b1","costMicros":1},{"requestId":"b2","costMicros":2}]}}""")]
    [InlineData(false, """{"events":[{"requestId":"b1","costMicros":1},{"requestId":"b2","costMicros":2}]}""")]
    [InlineData(true, """{"data":{"meta":{"events":"not this one"},"events":[{"requestId":"b1","costMicros":1},{"requestId":"b2","costMicros":2}]}}""")]
    public void Parse_UsageBatch_ReadsEveryEvent(bool cloudEvent, string json)
    {
        var events = UsageEnvelope.Parse(Body(json), cloudEvent);

        Assert.Equal(["b1", "b2"], events.Select(e => e.RequestId));
        Assert.Equal([1L, 2L], events.Select(e => e.CostMicros));
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("""{"data":"not an object"}""")]
    [InlineData("""{"data":{"requestId":42}}""")]
    [InlineData("""{"data":{"requestId":"r1",""")]
    public void Parse_Malformed_Throws(string json)
    {
        Assert.ThrowsAny<JsonException>(() => UsageEnvelope.Parse(Body(json), cloudEvent: true));
    }
}
