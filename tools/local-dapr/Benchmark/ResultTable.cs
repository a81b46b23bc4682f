using System.Globalization;

namespace Dapr.AiProvider.LocalDapr.Benchmark;

/// <summary>Prints the results and the two figures the issue asks for: added p50 and the throughput ratio.</summary>
internal static class ResultTable
{
    public static void Print(IReadOnlyList<LoadResult> results, BenchmarkOptions options, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(options.AppInProcess ? "trivial app in the load generator's process" : "trivial app in its own process");
        output.WriteLine("| path | concurrency | requests | req/s | p50 ms | p99 ms | sidecar CPU µs/req | client+app CPU µs/req |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            output.WriteLine(string.Format(c, "| {0} | {1} | {2} | {3:F0} | {4:F3} | {5:F3} | {6:F0} | {7:F0} |",
                r.Name, r.Concurrency, r.Requests, r.PerSecond, r.P50Ms, r.P99Ms, r.SidecarCpuMicros, r.ClientAndAppCpuMicros));
        }
        var direct1 = results.First(r => r.Name == "direct" && r.Concurrency == 1);
        var side1 = results.First(r => r.Name != "direct" && r.Concurrency == 1);
        var direct16 = results.First(r => r.Name == "direct" && r.Concurrency == 16);
        var side16 = results.First(r => r.Name != "direct" && r.Concurrency == 16);
        output.WriteLine();
        output.WriteLine(string.Format(c, "added p50 at concurrency 1: {0:F3} ms (target <= 0.3 ms)", side1.P50Ms - direct1.P50Ms));
        output.WriteLine(string.Format(c, "throughput through sidecars at concurrency 16: {0:P0} of direct (target >= 33%)", side16.PerSecond / direct16.PerSecond));
    }
}
