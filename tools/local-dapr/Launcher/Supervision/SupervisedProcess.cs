using Dapr.AiProvider.LocalDapr.Launcher.Processes;
using Dapr.AiProvider.LocalDapr.Launcher.Running;

namespace Dapr.AiProvider.LocalDapr.Launcher.Supervision;

/// <summary>One app process or sidecar under supervision: its crash history and a pending restart.</summary>
internal sealed class SupervisedProcess(RunningApp app, bool isSidecar)
{
    public RunningApp App { get; } = app;
    public bool IsSidecar { get; } = isSidecar;

    public ChildProcess Process
    {
        get => IsSidecar ? App.Sidecar : App.App!;
        set
        {
            if (IsSidecar)
            {
                App.Sidecar = value;
            }
            else
            {
                App.App = value;
            }
        }
    }

    /// <summary>When it crashed, oldest first (what <see cref="RestartPolicy.Decide"/> reads).</summary>
    public List<DateTimeOffset> Crashes { get; } = [];

    /// <summary>Set while a restart is scheduled.</summary>
    public DateTimeOffset? RestartAt { get; set; }

    /// <summary>Its exit was reported without a restart (supervision off).</summary>
    public bool Reported { get; set; }

    /// <summary>
    /// Its descendants at the last scan: a child left behind by a killed process (re-parented, so no longer
    /// in its tree) would hold the port its replacement needs, so it is killed before the restart.
    /// </summary>
    public IReadOnlyList<int> Descendants { get; set; } = [];

    public static IEnumerable<SupervisedProcess> Of(RunningApp app) =>
        app.App is null ? [new(app, isSidecar: true)] : [new(app, isSidecar: false), new(app, isSidecar: true)];
}
