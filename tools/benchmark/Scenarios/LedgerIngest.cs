using System.Diagnostics;
using System.Globalization;
using Dapr.AiProvider.Benchmark.Report;
using Npgsql;
using StackExchange.Redis;

namespace Dapr.AiProvider.Benchmark.Scenarios;

/// <summary>
/// Issue 6, ingest: usage events appended to the <c>usage</c> stream exactly as the router's sidecar
/// publishes them (CloudEvent in field <c>data</c>, XADD, pipelined), then timed until every row is in
/// <c>usage_metrics</c>: the quota sidecar's subscription, delivery to quota, batching and the INSERTs.
/// Twice: as the router publishes under load (a <c>UsageBatch</c> of up to 100 events per message, what
/// has queued up), and one event per message (an idle router; the worst case per event).
/// A first, untimed round warms quota and its sidecar up (JIT, connection pools, prepared statements).
/// </summary>
internal static class LedgerIngest
{
    public const int WarmupEvents = 3_000;

    /// <summary>The router's <c>Usage:MaxBatch</c>: events per <c>UsageBatch</c> message at most.</summary>
    public const int BatchSize = 100;

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var events = context.Options.Quick ? 20_000 : 50_000;
        await using var ledger = NpgsqlDataSource.Create(context.Stack.LedgerConnectionString);
        using var redis = await ConnectionMultiplexer.ConnectAsync(context.Stack.RedisAddress);
        var db = redis.GetDatabase();
        Console.WriteLine($"\n== ledger ingest: {WarmupEvents:#,0} events to warm up, then {events:#,0} usage events via XADD to stream 'usage'");
        await IngestAsync(ledger, db, WarmupEvents, BatchSize, cpu: null, cancellationToken);
        await IngestAsync(ledger, db, WarmupEvents, 1, cpu: null, cancellationToken);

        var table = new Table("ledger — ingest: XADD (as the router's sidecar publishes) until every row is in usage_metrics",
            "events", "events per message", "queued (XADD) s", "first row s", "all rows s", "events/s", "ledger batches", "rows/batch");
        var perSecond = new Dictionary<int, double>();
        foreach (var perMessage in new[] { BatchSize, 1 })
        {
            var cpu = new LedgerCpu(context);
            var batches = new LedgerBatchStats(context);
            await batches.StartAsync(cancellationToken);
            var (queued, firstRow, done) = await IngestAsync(ledger, db, events, perMessage, cpu, cancellationToken);
            perSecond[perMessage] = events / done.TotalSeconds;
            var (batchCount, meanRows) = await batches.StopAsync(cancellationToken);
            table.Add(events, perMessage, Seconds(queued), Seconds(firstRow), Seconds(done), (long)perSecond[perMessage], batchCount, meanRows);
            cpu.Print($"through the sidecar, {perMessage} event(s) per message", events);
        }
        table.Print();
        context.Summary.AtLeast("ledger", $"ingest events/s ({events:#,0} events, up to {BatchSize} per message as the router sends them)",
            perSecond[BatchSize], 5000, "events/s");
        context.Summary.AtLeast("ledger", $"ingest events/s ({events:#,0} events, one per message)", perSecond[1], 5000, "events/s");
    }

    private static async Task<(TimeSpan Queued, TimeSpan FirstRow, TimeSpan Done)> IngestAsync(NpgsqlDataSource ledger, IDatabase db,
        int events, int perMessage, LedgerCpu? cpu, CancellationToken cancellationToken)
    {
        var prefix = $"bench-ingest-{Guid.NewGuid():N}-"[..26];
        var payloads = Enumerable.Range(0, events).Chunk(perMessage)
            .Select(c => c.Length == 1 ? CloudEvent(prefix + c[0].ToString(CultureInfo.InvariantCulture), c[0]) : BatchCloudEvent(prefix, c))
            .ToList();
        var watermark = await ScalarAsync(ledger, "SELECT coalesce(max(id), 0) FROM usage_metrics", cancellationToken);

        cpu?.Start();
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(payloads.Select(p => db.StreamAddAsync("usage", [new("data", p), new("metadata", "{}")])));
        var queued = Stopwatch.GetElapsedTime(start);

        long rows = 0, lastRows = -1;
        var lastProgress = Stopwatch.GetTimestamp();
        var firstRow = TimeSpan.Zero;
        while (rows < events)
        {
            await Task.Delay(50, cancellationToken);
            // Only rows past the watermark (primary-key range): the poll stays cheap however large the table.
            rows = await ScalarAsync(ledger, $"SELECT count(*) FROM usage_metrics WHERE id > {watermark} AND request_id LIKE '{prefix}%'",
                cancellationToken);
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
        return (queued, firstRow, Stopwatch.GetElapsedTime(start));
    }

    /// <summary>0 until quota has created the schema (it migrates on start, in the background).</summary>
    private static async Task<long> ScalarAsync(NpgsqlDataSource ledger, string sql, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = ledger.CreateCommand(sql);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>One event in the envelope daprd (and the local sidecar) wraps a JSON payload in.</summary>
    internal static string CloudEvent(string requestId, int i) => Envelope("com.dapr.event.sent", Event(requestId, i));

    /// <summary>A <c>UsageBatch</c> message, as the router publishes queued-up events (CloudEvent type io.aiprovider.usage.batch.v1).</summary>
    private static string BatchCloudEvent(string prefix, int[] indexes) =>
        Envelope("io.aiprovider.usage.batch.v1",
            "{\"events\":[" + string.Join(',', indexes.Select(i => Event(prefix + i.ToString(CultureInfo.InvariantCulture), i))) + "]}");

    private static string Envelope(string type, string data) => string.Create(CultureInfo.InvariantCulture, $$$"""
        {"specversion":"1.0","id":"{{{Guid.NewGuid()}}}","source":"router","type":"{{{type}}}","datacontenttype":"application/json","pubsubname":"pubsub","topic":"usage","time":"{{{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}}}","data":{{{data}}}}
        """);

    private static string Event(string requestId, int i) => string.Create(CultureInfo.InvariantCulture, $$$"""
        {"requestId":"{{{requestId}}}","occurredAt":"{{{DateTime.UtcNow:O}}}","apiKeyId":"key-{{{i % 100}}}","taskType":"chat","provider":"openai","model":"gpt-4o-mini","tokens":{"inputTokens":{{{20 + i % 50}}},"cachedInputTokens":0,"cacheWriteTokens":0,"outputTokens":{{{10 + i % 30}}},"reasoningTokens":0},"costMicros":{{{i % 900}}},"latencyMs":12.5,"cacheHit":false,"attempts":1,"stream":false,"status":200}
        """);
}
