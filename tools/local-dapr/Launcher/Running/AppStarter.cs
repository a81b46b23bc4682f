using System.Globalization;
using Dapr.AiProvider.LocalDapr.Launcher.Processes;
using Dapr.AiProvider.LocalDapr.Launcher.RunFile;

namespace Dapr.AiProvider.LocalDapr.Launcher.Running;

/// <summary>Starts an app's sidecar, then its command in <c>appDirPath</c>, with logs routed as configured.</summary>
internal sealed class AppStarter(ConsoleOutput console, string sidecarPath, TimeProvider time)
{
    public RunningApp Start(AppPlan plan)
    {
        var sidecar = StartSidecar(plan);
        if (plan.Command.Count == 0)
        {
            return new RunningApp(plan, sidecar, null);
        }

        try
        {
            return new RunningApp(plan, sidecar, StartApp(plan));
        }
        catch
        {
            ProcessTree.Kill(ProcessTree.Of(sidecar.Pid));
            sidecar.Dispose();
            throw;
        }
    }

    /// <exception cref="InvalidOperationException">The sidecar could not be started.</exception>
    public ChildProcess StartSidecar(AppPlan plan)
    {
        SidecarSockets.RemoveStale(plan);
        var (fileName, prefix) = SidecarLocator.Command(sidecarPath);
        var sidecar = ChildProcess.Start(
            $"sidecar of '{plan.AppId}'", fileName, prefix.Concat(AppCommands.SidecarArguments(plan)), plan.AppDir,
            SidecarEnvironment, Sink(plan, "DAPR", "daprd", plan.DaprdLog));
        console.Line(plan.UnixDomainSocket is null
            ? $"Started Dapr with app id \"{plan.AppId}\". HTTP Port: {plan.DaprHttpPort}. gRPC Port: {plan.DaprGrpcPort}"
            : $"Started Dapr with app id \"{plan.AppId}\". HTTP Socket: {plan.SocketPath("http")}. gRPC Socket: {plan.SocketPath("grpc")}.");
        return sidecar;
    }

    /// <summary>Starts the app's command (the plan must have one).</summary>
    /// <exception cref="InvalidOperationException">The command could not be started.</exception>
    public ChildProcess StartApp(AppPlan plan) =>
        ChildProcess.Start(
            $"app '{plan.AppId}'", Executable(plan), plan.Command.Skip(1), plan.AppDir,
            AppCommands.AppEnvironment(plan), Sink(plan, "APP", "app", plan.AppLog));

    /// <summary>
    /// The sidecar is a relay on every request: W^X page flipping makes each JIT tier-up expensive, so it is off.
    /// Tiered PGO is off in Sidecar.csproj itself (its instrumented tier dominated the gateway benchmarks on two cores).
    /// </summary>
    private static readonly Dictionary<string, string> SidecarEnvironment = new()
    {
        ["DOTNET_EnableWriteXorExecute"] = "0",
    };

    /// <summary>A relative path with a separator is relative to <c>appDirPath</c> (as Go's exec with Dir); a bare name is looked up on PATH.</summary>
    private static string Executable(AppPlan plan) =>
        plan.Command[0].Contains('/', StringComparison.Ordinal) && !Path.IsPathRooted(plan.Command[0])
            ? Path.GetFullPath(Path.Combine(plan.AppDir, plan.Command[0]))
            : plan.Command[0];

    private LogSink Sink(AppPlan plan, string kind, string fileKind, LogDestination destination)
    {
        StreamWriter? file = null;
        if (destination.HasFlag(LogDestination.File))
        {
            var folder = Path.Combine(plan.AppDir, ".dapr", "logs");
            Directory.CreateDirectory(folder);
            var stamp = time.GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            file = new StreamWriter(Path.Combine(folder, $"{plan.AppId}_{fileKind}_{stamp}.log"), append: true);
            console.Line($"Writing {fileKind} log of '{plan.AppId}' to {folder}");
        }

        return new LogSink(console, $"== {kind} - {plan.AppId} ==", file) { ToConsole = destination.HasFlag(LogDestination.Console) };
    }
}
