using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Usage;
using Dapr.AiProvider.Quota.Diagnostics;
using Dapr.AiProvider.Quota.Tests.Infrastructure;

namespace Dapr.AiProvider.Quota.Tests.Ingestion;

/// <summary>
/// Issue 16: from a ledger row to its trace. The ingestion span links to the trace of every request its message
/// accounts for, and each row keeps its request's trace id (migration 0005).
/// </summary>
[Trait("Category", "Process")]
public sealed class UsageTraceTests : IAsyncLifetime, IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;
    private QuotaAppSession _app = null!;

    public UsageTraceTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == QuotaTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public async Task InitializeAsync() => _app = await QuotaAppSession.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public void Dispose() => _listener.Dispose();

    private static (string Traceparent, ActivityTraceId TraceId, ActivitySpanId SpanId) NewTrace()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var spanId = ActivitySpanId.CreateRandom();
        return ($"00-{traceId}-{spanId}-01", traceId, spanId);
    }

    private Task<string> TraceIdOfRowAsync(string requestId) => Sql.ScalarAsync<string>(_app.ConnectionString,
        $"SELECT coalesce(trace_id, '-') FROM usage_metrics WHERE request_id = '{requestId}'");

    [Fact]
    public async Task PostUsage_BatchWithTraceparents_SpanLinksEveryRequestTraceAndRowsKeepTheirTraceIds()
    {
        var first = NewTrace();
        var second = NewTrace();
        var batch = new UsageBatch
        {
            Events =
            [
                CloudEvents.Usage("traced-1") with { Traceparent = first.Traceparent },
                CloudEvents.Usage("traced-2") with { Traceparent = second.Traceparent },
                CloudEvents.Usage("untraced"),
            ],
        };

        var response = await _app.Client.PostAsync("/usage",
            CloudEvents.Envelope(JsonSerializer.Serialize(batch, ContractsJsonContext.Default.UsageBatch)));

        Assert.Equal("SUCCESS", await CloudEvents.StatusAsync(response));
        var span = Assert.Single(_stopped, a => a.Links.Any(l => l.Context.TraceId == first.TraceId));
        Assert.Equal("process usage", span.OperationName);
        Assert.Equal(ActivityKind.Consumer, span.Kind);
        Assert.Equal("process", span.GetTagItem("messaging.operation.type"));
        Assert.Equal("usage", span.GetTagItem("messaging.destination.name"));
        Assert.Equal(3, span.GetTagItem("messaging.batch.message_count"));
        Assert.Equal("SUCCESS", span.GetTagItem("aiprovider.topic.status"));
        Assert.Equal(
            [(first.TraceId, first.SpanId), (second.TraceId, second.SpanId)],
            span.Links.Select(l => (l.Context.TraceId, l.Context.SpanId)).ToArray());
        Assert.Equal(first.TraceId.ToHexString(), await TraceIdOfRowAsync("traced-1"));
        Assert.Equal(second.TraceId.ToHexString(), await TraceIdOfRowAsync("traced-2"));
        Assert.Equal("-", await TraceIdOfRowAsync("untraced"));
    }

    [Theory]
    [InlineData("not-a-traceparent")]
    [InlineData("00-00000000000000000000000000000000-0000000000000000-01")] // all-zero ids are invalid (W3C trace context §3.2.2.3)
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01; drop table")]
    public async Task PostUsage_UnreadableTraceparent_RowStoredWithoutTraceId(string traceparent)
    {
        var response = await _app.Client.PostAsync("/usage", CloudEvents.Envelope(CloudEvents.Usage("odd-trace") with { Traceparent = traceparent }));

        Assert.Equal("SUCCESS", await CloudEvents.StatusAsync(response)); // nothing accepted is lost for a bad trace field
        Assert.Equal("-", await TraceIdOfRowAsync("odd-trace"));
    }
}
