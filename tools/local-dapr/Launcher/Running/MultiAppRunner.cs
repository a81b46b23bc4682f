using Dapr.AiProvider.LocalDapr.Launcher.Processes;
using Dapr.AiProvider.LocalDapr.Launcher.RunFile;
using Dapr.AiProvider.LocalDapr.Launcher.Supervision;

namespace Dapr.AiProvider.LocalDapr.Launcher.Running;

/// <summary>
/// Runs every app of a run file: checks ports, starts sidecars and apps, waits until all are ready
/// (failing fast when one dies), writes the ready file, then supervises them (<see cref="Supervisor"/>)
/// until a stop request or a give-up, and stops everything (SIGTERM to each process tree, kill after the
/// grace period).
/// </summary>
internal sealed class MultiAppRunner(ConsoleOutput console, AppStarter starter, ReadinessProbe probe, LauncherArguments args, TimeProvider time)
{
    /// <summary>Exit code when a process kept crashing and supervision gave up (1 is a failed start).</summary>
    public const int GaveUpExitCode = 3;

    public async Task<int> RunAsync(IReadOnlyList<AppPlan> plans, CancellationToken stop)
    {
        var problems = PortPlanner.Problems(plans);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                console.Error($"❌  {problem}");
            }

            return 1;
        }

        var running = new List<RunningApp>();
        try
        {
            foreach (var plan in plans)
            {
                running.Add(starter.Start(plan));
            }

            var failure = await WaitUntilReadyAsync(running, stop).ConfigureAwait(false);
            if (failure is not null)
            {
                console.Error($"❌  {failure}");
                return 1;
            }

            if (stop.IsCancellationRequested)
            {
                return 0;
            }

            console.Line($"✅  All {running.Count} apps are ready");
            if (args.ReadyFile is { } readyFile)
            {
                await File.WriteAllTextAsync(readyFile, string.Join('\n', running.Select(r => r.Plan.AppId)) + "\n", stop).ConfigureAwait(false);
            }

            var gaveUp = await new Supervisor(console, starter, args.Restart, time).WatchAsync(running, stop).ConfigureAwait(false);
            if (gaveUp is not null)
            {
                console.Error($"❌  {gaveUp}");
                return GaveUpExitCode;
            }

            return 0;
        }
        catch (InvalidOperationException ex)
        {
            console.Error($"❌  {ex.Message}");
            return 1;
        }
        finally
        {
            await Shutdown.StopAsync(console, running, args.GracePeriod, time).ConfigureAwait(false);
            if (args.ReadyFile is { } readyFile)
            {
                File.Delete(readyFile);
            }
        }
    }

    private async Task<string?> WaitUntilReadyAsync(List<RunningApp> running, CancellationToken stop)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(args.StartTimeout);
        while (!timeout.IsCancellationRequested)
        {
            foreach (var app in running.Where(a => !a.Ready))
            {
                if (app.Processes.FirstOrDefault(p => p.HasExited) is { } dead)
                {
                    await dead.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                    return $"{dead.Name} exited with code {dead.ExitCode} during start. Last output:\n{dead.Log.Tail()}";
                }

                try
                {
                    app.Ready = await probe.IsReadyAsync(app.Plan, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested)
                {
                    break;
                }

                if (app.Ready)
                {
                    console.Line($"✅  App '{app.Plan.AppId}' is ready (app port {app.Plan.AppPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, " +
                        $"Dapr HTTP port {app.Plan.DaprHttpPort}, gRPC port {app.Plan.DaprGrpcPort})");
                }
            }

            if (running.All(a => a.Ready))
            {
                return null;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return stop.IsCancellationRequested
            ? null
            : $"not every app was ready after {args.StartTimeout.TotalSeconds:0} s: " +
              string.Join(", ", running.Where(a => !a.Ready).Select(a => $"'{a.Plan.AppId}'"));
    }
}
