using System.Diagnostics;
using System.Globalization;
using Dapr.AiProvider.Benchmark.Report;
using Npgsql;
using StackExchange.Redis;

namespace Dapr.AiProvider.Benchmark.Scenarios;

/// <summary>
/// Issue 6, ingest: <c>UsageRecorded</c> events appended to the <c>usage</c> stream exactly as a sidecar
/// publishes them (CloudEvent in field <c>data</c>, XADD, pipelined), then timed until every row is in
/// <c>usage_metrics</c>: the quota sidecar's subscription, delivery to quota, batching and the INSERTs.
/// </summary>
internal static class LedgerIngest
{
    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var events = context.Options.Quick ? 20_000 : 50_000;
        var prefix = $"bench-ingest-{Guid.NewGuid():N}-"[..26];
        await using var ledger = NpgsqlDataSource.Create(context.Stack.LedgerConnectionString);
        using var redis = await ConnectionMultiplexer.ConnectAsync(context.Stack.RedisAddress);
        var db = redis.GetDatabase();
        var payloads = Enumerable.Range(0, events).Select(i => CloudEvent(prefix + i.ToString(CultureInfo.InvariantCulture), i)).ToList();
        Console.WriteLine($"\n== ledger ingest: {events:#,0} usage events via XADD to stream 'usage'");

        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(payloads.Select(p => db.StreamAddAsync("usage", [new("data", p), new("metadata", "{}")])));
        var queued = Stopwatch.GetElapsedTime(start);

        long rows = 0, lastRows = -1;
        var lastProgress = Stopwatch.GetTimestamp();
        var firstRow = TimeSpan.Zero;
        while (rows < events)
        {
            await Task.Delay(50, cancellationToken);
            await using var count = ledger.CreateCommand("SELECT count(*) FROM usage_metrics WHERE request_id LIKE $1");
            count.Parameters.AddWithValue(prefix + "%");
            rows = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
            if (rows > 0 && firstRow == TimeSpan.Zero)
            {
                firstRow = Stopwatch.GetElapsedTime(start);
            }
            if (rows != lastRows)
            {
                (lastRows, lastProgress) = (rows, Stopwatch.GetTimestamp());
            }
            else if (Stopwatch.GetElapsedTime(lastProgress) > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException($"ingestion stalled at {rows:#,0} of {events:#,0} rows");
            }
        }
        var done = Stopwatch.GetElapsedTime(start);
        var perSecond = events / done.TotalSeconds;
        new Table("ledger — ingest: XADD (as the sidecar publishes) until every row is in usage_metrics",
                "events", "queued (XADD) s", "first row s", "all rows s", "events/s")
            .Add(events, queued.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture),
                firstRow.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture),
                done.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture), (long)perSecond)
            .Print();
        context.Summary.AtLeast("ledger", $"ingest events/s ({events:#,0} events)", perSecond, 5000, "events/s");
    }

    /// <summary>The envelope daprd (and the local sidecar) wraps a JSON payload in.</summary>
    private static string CloudEvent(string requestId, int i) => string.Create(CultureInfo.InvariantCulture, $$$"""
        {"specversion":"1.0","id":"{{{Guid.NewGuid()}}}","source":"router","type":"com.dapr.event.sent","datacontenttype":"application/json","pubsubname":"pubsub","topic":"usage","time":"{{{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}}}","data":{"requestId":"{{{requestId}}}","occurredAt":"{{{DateTime.UtcNow:O}}}","apiKeyId":"key-{{{i % 100}}}","taskType":"chat","provider":"openai","model":"gpt-4o-mini","tokens":{"inputTokens":{{{20 + i % 50}}},"cachedInputTokens":0,"cacheWriteTokens":0,"outputTokens":{{{10 + i % 30}}},"reasoningTokens":0},"costMicros":{{{i % 900}}},"latencyMs":12.5,"cacheHit":false,"attempts":1,"stream":false,"status":200}}
        """);
}
