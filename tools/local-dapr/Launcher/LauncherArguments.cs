namespace Dapr.AiProvider.LocalDapr.Launcher;

/// <summary>
/// <c>[-f|--run-file dapr.yaml|dir] [--sidecar PATH] [--ready-file PATH] [--grace-period SECONDS] [--start-timeout SECONDS]</c>
/// and the restart policy (<see cref="Supervision.RestartPolicy"/>).
/// </summary>
internal sealed record LauncherArguments
{
    public const string Usage = """
        Usage: dotnet LocalDapr.Launcher.dll [-f dapr.yaml|DIR] [--sidecar PATH] [--ready-file PATH]
                                             [--grace-period SECONDS] [--start-timeout SECONDS]
                                             [--no-restart] [--restart-backoff SECONDS] [--restart-max-backoff SECONDS]
                                             [--max-restarts N] [--restart-window SECONDS]
          -f, --run-file    multi-app run template, or a folder holding dapr.yaml (default: ./dapr.yaml)
          --sidecar         LocalDapr.Sidecar.dll to start per app (default: $LOCALDAPR_SIDECAR, else found
                            upward from the launcher or the run file: tools/local-dapr/Sidecar/bin/Release/net10.0)
          --ready-file      file written once every app and sidecar is ready
          --grace-period    seconds an app (then a sidecar) has after SIGTERM on stop before it is killed (default 20)
          --start-timeout   seconds to wait for all apps to become ready (default 120)
        Once all are ready, an app or sidecar that exits is started again; one that crashes more than
        --max-restarts times within --restart-window stops the launcher with exit code 3.
          --no-restart           only report exits, never restart
          --restart-backoff      seconds before the first restart, doubled per crash in the window (default 1)
          --restart-max-backoff  longest wait before a restart (default 30)
          --max-restarts         restarts allowed within the window (default 5)
          --restart-window       seconds over which crashes are counted (default 60)
        """;

    public string RunFile { get; init; } = ".";
    public string? Sidecar { get; init; }
    public string? ReadyFile { get; init; }
    // Above the router's 15 s host shutdown timeout (drain + usage flush), as k8s gives daprd 20 s (k8s/base/router.yaml).
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(20);
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(120);
    public Supervision.RestartPolicy Restart { get; init; } = Supervision.RestartPolicy.Default;
    public bool Help { get; init; }

    /// <exception cref="ArgumentException">An unknown flag or a missing/invalid value.</exception>
    public static LauncherArguments Parse(IReadOnlyList<string> args)
    {
        var result = new LauncherArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            result = arg switch
            {
                "-f" or "--run-file" => result with { RunFile = Value(args, ref i) },
                "--sidecar" => result with { Sidecar = Value(args, ref i) },
                "--ready-file" => result with { ReadyFile = Value(args, ref i) },
                "--grace-period" => result with { GracePeriod = Seconds(args, ref i) },
                "--start-timeout" => result with { StartTimeout = Seconds(args, ref i) },
                "--no-restart" => result with { Restart = result.Restart with { Enabled = false } },
                "--restart-backoff" => result with { Restart = result.Restart with { InitialBackoff = Seconds(args, ref i) } },
                "--restart-max-backoff" => result with { Restart = result.Restart with { MaxBackoff = Seconds(args, ref i) } },
                "--max-restarts" => result with { Restart = result.Restart with { MaxRestarts = Count(args, ref i) } },
                "--restart-window" => result with { Restart = result.Restart with { Window = Seconds(args, ref i) } },
                "-h" or "--help" => result with { Help = true },
                _ => throw new ArgumentException($"unknown argument '{arg}'"),
            };
        }

        return result;
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"'{args[i - 1]}' needs a value");

    private static TimeSpan Seconds(IReadOnlyList<string> args, ref int i)
    {
        var flag = args[i];
        var text = Value(args, ref i);
        return double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"'{flag}' needs a number of seconds, not '{text}'");
    }

    private static int Count(IReadOnlyList<string> args, ref int i)
    {
        var flag = args[i];
        var text = Value(args, ref i);
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count)
            ? count
            : throw new ArgumentException($"'{flag}' needs a whole number, not '{text}'");
    }
}
