using System.Diagnostics;

namespace Dapr.AiProvider.Benchmark.Measure;

/// <summary>
/// Open-loop load: requests start at evenly spaced instants whatever the answers do (no waiting on
/// earlier responses, so a slow system gets queued work, not fewer requests). Latency runs from the
/// scheduled instant, so late sends (coordinated omission) count against the run, not silently for it.
/// </summary>
internal static class OpenLoop
{
    /// <param name="send">Sends request <c>i</c>; returns whether it succeeded.</param>
    public static async Task<RunResult> RunAsync(string name, int ratePerSecond, double seconds,
        Func<int, CancellationToken, Task<bool>> send, CancellationToken cancellationToken)
    {
        var count = (int)(ratePerSecond * seconds);
        var interval = Stopwatch.Frequency / (double)ratePerSecond;
        var recorder = new LatencyRecorder(count);
        var inFlight = new List<Task>(count);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * interval);
            await WaitUntilAsync(due, cancellationToken);
            inFlight.Add(SendOneAsync(i, due, send, recorder, cancellationToken));
        }
        await Task.WhenAll(inFlight);
        FailedAnswers.PrintAndClear(name);
        return recorder.Result(name, Stopwatch.GetElapsedTime(start));
    }

    private static async Task SendOneAsync(int i, long due, Func<int, CancellationToken, Task<bool>> send,
        LatencyRecorder recorder, CancellationToken cancellationToken)
    {
        await Task.Yield();
        bool ok;
        try
        {
            ok = await send(i, cancellationToken);
        }
        catch (HttpRequestException)
        {
            ok = false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            ok = false;
        }
        recorder.Record(Stopwatch.GetTimestamp() - due, ok);
    }

    /// <summary>Sleeps while more than a millisecond is left, then yields the last sub-millisecond away.</summary>
    private static async Task WaitUntilAsync(long due, CancellationToken cancellationToken)
    {
        while (true)
        {
            var left = LatencyRecorder.ToMs(due - Stopwatch.GetTimestamp());
            if (left <= 0)
            {
                return;
            }
            if (left >= 1.5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(left - 1), cancellationToken);
            }
            else
            {
                Thread.Yield();
            }
        }
    }
}
