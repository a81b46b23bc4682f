using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Dapr.AiProvider.Benchmark.Measure;
using Dapr.AiProvider.Benchmark.Report;

namespace Dapr.AiProvider.Benchmark.Scenarios;

/// <summary>
/// Issue 6, ingest without the sidecar: the same CloudEvents POSTed straight to quota's <c>/usage</c>
/// route by as many clients as the subscription's <c>concurrency</c> (64), each waiting for SUCCESS
/// (which quota answers only once the row is committed). Against the sidecar run this separates
/// quota's own cost (HTTP, JSON, batching, PostgreSQL) from delivery (stream reads, POSTs, XACKs).
/// </summary>
internal static class LedgerIngestDirect
{
    public const int Clients = 64;

    public static async Task<double> RunAsync(BenchContext context, int events, CancellationToken cancellationToken)
    {
        var prefix = $"bench-direct-{Guid.NewGuid():N}-"[..26];
        using var quota = HttpClients.Create(new Uri($"http://127.0.0.1:{context.Stack.Ports.Quota}"));
        var payloads = Enumerable.Range(0, events)
            .Select(i => LedgerIngest.CloudEvent(prefix + i.ToString(CultureInfo.InvariantCulture), i)).ToArray();
        var recorder = new LatencyRecorder(events);
        var next = -1;
        var cpu = new LedgerCpu(context);
        var batches = new LedgerBatchStats(context);
        await batches.StartAsync(cancellationToken);
        cpu.Start();
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < events)
            {
                var began = Stopwatch.GetTimestamp();
                var ok = await PostAsync(quota, payloads[i], cancellationToken);
                recorder.Record(Stopwatch.GetTimestamp() - began, ok);
            }
        }, cancellationToken)));
        var result = recorder.Result("direct", Stopwatch.GetElapsedTime(start));
        var (batchCount, meanRows) = await batches.StopAsync(cancellationToken);
        if (result.Errors > 0)
        {
            throw new InvalidOperationException($"{result.Errors} direct deliveries were not answered SUCCESS");
        }
        new Table($"ledger — ingest straight to quota's /usage ({Clients} clients, no sidecar): quota's own share",
                "events", "all committed s", "events/s", "p50 ms", "p99 ms", "batches", "rows/batch")
            .Add(events, result.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture), (long)result.PerSecond,
                result.P50, result.P99, batchCount, meanRows)
            .Print();
        cpu.Print("straight to quota", events);
        return result.PerSecond;
    }

    private static async Task<bool> PostAsync(HttpClient client, string cloudEvent, CancellationToken cancellationToken)
    {
        using var content = new StringContent(cloudEvent);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json");
        using var response = await client.PostAsync("/usage", content, cancellationToken);
        return response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync(cancellationToken)).Contains("SUCCESS", StringComparison.Ordinal);
    }
}
