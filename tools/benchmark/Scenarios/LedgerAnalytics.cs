using System.Diagnostics;
using Dapr.AiProvider.Benchmark.Measure;
using Dapr.AiProvider.Benchmark.Report;

namespace Dapr.AiProvider.Benchmark.Scenarios;

/// <summary>
/// Issue 6, analytics: the quota service's usage queries through its sidecar
/// (<c>/v1.0/invoke/quota/method/quota/…</c>) on the generated rows, one client, sequential.
/// </summary>
internal static class LedgerAnalytics
{
    private static readonly string[] GroupBys = ["day", "provider", "model", "key", "task_type"];

    public static async Task RunAsync(BenchContext context, int rows, CancellationToken cancellationToken)
    {
        using var sidecar = HttpClients.Create(context.Stack.QuotaSidecarUrl);
        // The same query straight to quota's port, alternating: separates the query from the invoke hop.
        using var quota = HttpClients.Create(new Uri($"http://127.0.0.1:{context.Stack.Ports.Quota}"));
        var repeats = context.Options.Quick ? 5 : 10;
        var from30 = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-30).ToString("O"));
        var queries = GroupBys.Select(g => ("7 days", $"usage?groupBy={g}"))
            .Append(("7 days", "top-consumers?limit=10"))
            .Append(("7 days", "cache-hit-rate"))
            .Concat(new[] { "provider", "key" }.Select(g => ("30 days", $"usage?groupBy={g}&from={from30}")))
            .ToList();

        var table = new Table($"ledger — analytics over {rows:#,0} generated rows (a year of history), via the quota sidecar, {repeats} runs each",
            "window", "query", "rows in window", "p50 ms", "max ms", "direct to quota p50 ms");
        var worst = new Dictionary<string, double>();
        foreach (var (window, query) in queries)
        {
            var path = "/v1.0/invoke/quota/method/quota/" + query;
            await TimeGetAsync(sidecar, path, cancellationToken);
            var recorder = new LatencyRecorder(repeats);
            var direct = new LatencyRecorder(repeats);
            for (var i = 0; i < repeats; i++)
            {
                var ticks = await TimeGetAsync(sidecar, path, cancellationToken);
                recorder.Record(ticks ?? 0, ticks is not null);
                var directTicks = await TimeGetAsync(quota, "/quota/" + query, cancellationToken);
                direct.Record(directTicks ?? 0, directTicks is not null);
            }
            var result = recorder.Result(query, TimeSpan.Zero);
            if (result.Errors > 0)
            {
                throw new InvalidOperationException($"GET {path} failed {result.Errors} times");
            }
            var days = window == "7 days" ? 7 : 30;
            table.Add(window, "/quota/" + query.Replace($"&from={from30}", "", StringComparison.Ordinal), $"≈{rows / 365 * days:#,0}",
                result.P50, result.Max, direct.Result(query, TimeSpan.Zero).P50);
            worst[window] = Math.Max(worst.GetValueOrDefault(window), result.P50);
        }
        table.Print();
        foreach (var (window, p50) in worst)
        {
            context.Summary.Below("ledger", $"slowest analytics query p50, {window} window, {rows / 1_000_000}M rows", p50, 200, "ms");
        }
    }

    private static async Task<long?> TimeGetAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return response.IsSuccessStatusCode ? Stopwatch.GetTimestamp() - start : null;
    }
}
