using System.Globalization;
using Dapr.AiProvider.LocalDapr.Launcher.Processes;
using Dapr.AiProvider.LocalDapr.Launcher.Running;

namespace Dapr.AiProvider.LocalDapr.Launcher.Supervision;

/// <summary>
/// Watches every app and sidecar once all are ready: one that exits is started again under the
/// <see cref="RestartPolicy"/> (one console line per restart) while the others keep serving; one that keeps
/// crashing ends the watch with the reason, and the launcher then stops everything.
/// </summary>
internal sealed class Supervisor(ConsoleOutput console, AppStarter starter, RestartPolicy policy, TimeProvider time)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan TreeScanInterval = TimeSpan.FromSeconds(1);

    /// <summary>Returns null when <paramref name="stop"/> fires, or why supervision gave up.</summary>
    public async Task<string?> WatchAsync(IReadOnlyList<RunningApp> running, CancellationToken stop)
    {
        var supervised = running.SelectMany(SupervisedProcess.Of).ToList();
        var lastScan = DateTimeOffset.MinValue;
        while (!stop.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            if (now - lastScan >= TreeScanInterval)
            {
                RememberDescendants(supervised);
                lastScan = now;
            }

            foreach (var process in supervised)
            {
                var failure = process.RestartAt is { } due
                    ? (now >= due ? await RestartAsync(process, now).ConfigureAwait(false) : null)
                    : process.Process.HasExited && !process.Reported ? Exited(process, now) : null;
                if (failure is not null)
                {
                    return failure;
                }
            }

            try
            {
                await Task.Delay(Tick, time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        return null;
    }

    private static void RememberDescendants(List<SupervisedProcess> supervised)
    {
        var children = ProcessTree.Children();
        foreach (var process in supervised.Where(p => !p.Process.HasExited))
        {
            process.Descendants = [.. ProcessTree.Of(process.Process.Pid, children).Skip(1)];
        }
    }

    private string? Exited(SupervisedProcess process, DateTimeOffset now)
    {
        var child = process.Process;
        var left = process.Descendants.Where(ProcessTree.IsAlive).ToList();
        ProcessTree.Kill(left);
        process.Descendants = [];
        var how = $"{child.Name} exited with {ExitDescription.Of(child.ExitCode)}";
        if (!policy.Enabled)
        {
            process.Reported = true;
            console.Line($"⚠️  {how} (restarts are off)");
            return null;
        }

        return Crashed(process, now, how);
    }

    private string? Crashed(SupervisedProcess process, DateTimeOffset now, string how)
    {
        switch (policy.Decide(process.Crashes, now))
        {
            case RestartDecision.Restart restart:
                process.Crashes.Add(now);
                process.RestartAt = now + restart.Delay;
                console.Line($"🔁  {how}; restart {restart.Number} in {Seconds(restart.Delay)} s");
                return null;
            case RestartDecision.GiveUp giveUp:
                return $"{how}; it crashed {giveUp.CrashesInWindow} times within {Seconds(policy.Window)} s, giving up. Last output:\n{process.Process.Log.Tail()}";
            default:
                throw new InvalidOperationException("unreachable: RestartDecision is closed");
        }
    }

    private async Task<string?> RestartAsync(SupervisedProcess process, DateTimeOffset now)
    {
        process.RestartAt = null;
        var old = process.Process;
        try
        {
            await old.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Its output pipe is still held open by something it started; the new process does not need it.
        }

        try
        {
            process.Process = process.IsSidecar ? starter.StartSidecar(process.App.Plan) : starter.StartApp(process.App.Plan);
            old.Dispose();
            return null;
        }
        catch (InvalidOperationException ex)
        {
            return Crashed(process, now, ex.Message);
        }
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
