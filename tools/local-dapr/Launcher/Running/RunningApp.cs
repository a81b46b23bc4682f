using Dapr.AiProvider.LocalDapr.Launcher.Processes;
using Dapr.AiProvider.LocalDapr.Launcher.RunFile;

namespace Dapr.AiProvider.LocalDapr.Launcher.Running;

/// <summary>An app of the run file with its sidecar and (when it has a command) its app process.</summary>
internal sealed class RunningApp(AppPlan plan, ChildProcess sidecar, ChildProcess? app) : IDisposable
{
    public AppPlan Plan { get; } = plan;
    /// <summary>The current sidecar process (a new one after each restart).</summary>
    public ChildProcess Sidecar { get; set; } = sidecar;
    /// <summary>The current app process (a new one after each restart).</summary>
    public ChildProcess? App { get; set; } = app;
    public bool Ready { get; set; }

    public IEnumerable<ChildProcess> Processes => App is null ? [Sidecar] : [App, Sidecar];

    public void Dispose()
    {
        App?.Dispose();
        Sidecar.Dispose();
    }
}
