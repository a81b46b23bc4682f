using System.Diagnostics;

namespace Dapr.AiProvider.Benchmark.Measure;

/// <summary>
/// Collects every latency of a run (Stopwatch ticks) and reports exact percentiles from the sorted
/// array — what an HdrHistogram gives, without its bucketing, for the few thousand samples a run has.
/// </summary>
internal sealed class LatencyRecorder(int capacity = 1024)
{
    private readonly List<long> _ticks = new(capacity);
    private readonly Lock _gate = new();
    private int _errors;

    public void Record(long ticks, bool ok)
    {
        lock (_gate)
        {
            if (ok)
            {
                _ticks.Add(ticks);
            }
            else
            {
                _errors++;
            }
        }
    }

    /// <summary>The successful samples so far, in ticks, sorted.</summary>
    public long[] Sorted()
    {
        long[] sorted;
        lock (_gate)
        {
            sorted = [.. _ticks];
        }
        Array.Sort(sorted);
        return sorted;
    }

    public RunResult Result(string name, TimeSpan elapsed)
    {
        long[] sorted;
        int errors;
        lock (_gate)
        {
            sorted = [.. _ticks];
            errors = _errors;
        }
        Array.Sort(sorted);
        return new RunResult(name, sorted.Length, errors, elapsed,
            Ms(sorted, 0.50), Ms(sorted, 0.90), Ms(sorted, 0.99), sorted.Length == 0 ? double.NaN : ToMs(sorted[^1]));
    }

    /// <summary>Nearest-rank percentile: the smallest sample with at least p of the samples at or below it.</summary>
    public static double Ms(long[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : ToMs(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)]);

    public static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

/// <summary>One measured run: successful samples, errors, wall time and latency percentiles in ms.</summary>
internal sealed record RunResult(string Name, int Count, int Errors, TimeSpan Elapsed, double P50, double P90, double P99, double Max)
{
    public double PerSecond => Count / Elapsed.TotalSeconds;
}
