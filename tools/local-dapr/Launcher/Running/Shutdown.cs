using Dapr.AiProvider.LocalDapr.Launcher.Processes;

namespace Dapr.AiProvider.LocalDapr.Launcher.Running;

/// <summary>Stops apps then sidecars: SIGTERM to every process tree, then kill what is left after the grace period.</summary>
internal static class Shutdown
{
    public static async Task StopAsync(ConsoleOutput console, List<RunningApp> running, TimeSpan grace, TimeProvider time)
    {
        if (running.Count == 0)
        {
            return;
        }

        console.Line("Stopping all apps and sidecars…");
        var trees = running.SelectMany(r => r.Processes).Select(p => ProcessTree.Of(p.Pid)).ToList();
        var pids = trees.SelectMany(t => t).Distinct().ToList();
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

        foreach (var process in running.SelectMany(r => r.Processes))
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

        foreach (var app in running)
        {
            app.Dispose();
        }

        console.Line("Stopped");
    }
}
