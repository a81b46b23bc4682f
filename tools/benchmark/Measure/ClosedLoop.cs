using System.Diagnostics;

namespace Dapr.AiProvider.Benchmark.Measure;

/// <summary>Closed-loop load: <c>workers</c> clients, each sending its next request when the last one answered.</summary>
internal static class ClosedLoop
{
    public static async Task<RunResult> RunAsync(string name, int workers, double seconds,
        Func<int, CancellationToken, Task<bool>> send, CancellationToken cancellationToken)
    {
        var recorder = new LatencyRecorder(4096);
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var next = -1;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
            {
                var began = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await send(Interlocked.Increment(ref next), cancellationToken);
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }
                recorder.Record(Stopwatch.GetTimestamp() - began, ok);
            }
        }, cancellationToken)));
        FailedAnswers.PrintAndClear(name);
        return recorder.Result(name, Stopwatch.GetElapsedTime(start));
    }

    /// <summary>
    /// One client, <c>count</c> rounds of "A then B" (latency of an otherwise idle system); alternating
    /// keeps both sides under the same machine noise. A measurement returns elapsed ticks, or null on failure.
    /// </summary>
    public static async Task<(RunResult A, RunResult B)> AlternatingAsync(string nameA, string nameB, int count,
        Func<int, CancellationToken, Task<long?>> measureA, Func<int, CancellationToken, Task<long?>> measureB,
        CancellationToken cancellationToken)
    {
        var a = new LatencyRecorder(count);
        var b = new LatencyRecorder(count);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var ticksA = await measureA(i, cancellationToken);
            a.Record(ticksA ?? 0, ticksA is not null);
            var ticksB = await measureB(i, cancellationToken);
            b.Record(ticksB ?? 0, ticksB is not null);
        }
        var elapsed = Stopwatch.GetElapsedTime(start);
        return (a.Result(nameA, elapsed), b.Result(nameB, elapsed));
    }
}
