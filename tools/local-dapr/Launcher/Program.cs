using System.Runtime.InteropServices;
using Dapr.AiProvider.LocalDapr.Launcher;
using Dapr.AiProvider.LocalDapr.Launcher.Processes;
using Dapr.AiProvider.LocalDapr.Launcher.RunFile;
using Dapr.AiProvider.LocalDapr.Launcher.Running;

var console = ConsoleOutput.Default;
try
{
    var arguments = LauncherArguments.Parse(args);
    if (arguments.Help)
    {
        console.Line(LauncherArguments.Usage);
        return 0;
    }

    var runFile = RunFileReader.Locate(arguments.RunFile);
    var plans = RunFileReader.Read(runFile, FreePorts.Next);
    var sidecar = SidecarLocator.Find(arguments.Sidecar, runFile);

    using var stop = new CancellationTokenSource();
    using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
    using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    using var onQuit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
    var runner = new MultiAppRunner(console, new AppStarter(console, sidecar, TimeProvider.System),
        new ReadinessProbe(http), arguments, TimeProvider.System);
    return await runner.RunAsync(plans, stop.Token);

    void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        stop.Cancel();
    }
}
catch (Exception e) when (e is ArgumentException or RunFileException or FileNotFoundException or IOException)
{
    console.Error($"❌  {e.Message}");
    if (e is ArgumentException)
    {
        console.Error(LauncherArguments.Usage);
    }

    return 1;
}
