using Dapr.AiProvider.LocalDapr.Launcher.Processes;

namespace Dapr.AiProvider.LocalDapr.Launcher.Running;

/// <summary>
/// Stops every app first and only then the sidecars: SIGTERM to the app process trees, wait until they exited
/// (killing what is left after the grace period), then the same for the sidecars. An app shutting down still
/// talks to its sidecar — the router drains its requests and publishes their queued usage through it — so the
/// sidecar must outlive its app, as daprd keeps its API up for <c>--dapr-graceful-shutdown-seconds</c> while
/// the app finishes (https://docs.dapr.io/reference/api/shutdown_api/, checked 2026-12-07). Stopped together,
/// the router's last usage events were published into a closed sidecar and dropped.
/// </summary>
internal static class Shutdown
{
    public static async Task StopAsync(ConsoleOutput console, List<RunningApp> running, TimeSpan grace, TimeProvider time)
    {
        if (running.Count == 0)
        {
            return;
        }

        console.Line("Stopping all apps, then their sidecars…");
        await StopTreesAsync(console, [.. running.Where(r => r.App is not null).Select(r => r.App!)], grace, time).ConfigureAwait(false);
        await StopTreesAsync(console, [.. running.Select(r => r.Sidecar)], grace, time).ConfigureAwait(false);

        foreach (var app in running)
        {
            app.Dispose();
            SidecarSockets.RemoveStale(app.Plan);
        }

        console.Line("Stopped");
    }

    /// <summary>SIGTERM to each process tree, kill what is left after <paramref name="grace"/>, then reap the processes.</summary>
    private static async Task StopTreesAsync(ConsoleOutput console, IReadOnlyList<ChildProcess> processes, TimeSpan grace, TimeProvider time)
    {
        if (processes.Count == 0)
        {
            return;
        }

        var children = ProcessTree.Children();
        var pids = processes.SelectMany(p => ProcessTree.Of(p.Pid, children)).Distinct().ToList();
        ProcessTree.Terminate(pids);

        var started = time.GetTimestamp();
        while (time.GetElapsedTime(started) < grace && pids.Any(ProcessTree.IsAlive))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), time).ConfigureAwait(false);
        }

        var left = pids.Where(ProcessTree.IsAlive).ToList();
        if (left.Count > 0)
        {
            console.Line($"Killing {left.Count} process(es) still running after {grace.TotalSeconds:0} s");
            ProcessTree.Kill(left);
        }

        foreach (var process in processes)
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                console.Error($"❌  {process.Name} (pid {process.Pid}) did not exit");
            }
        }
    }
}
