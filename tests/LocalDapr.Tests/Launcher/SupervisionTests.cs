using System.Globalization;
using System.Net.Sockets;
using Dapr.AiProvider.LocalDapr.Launcher.Processes;

namespace Dapr.AiProvider.LocalDapr.Tests.Launcher;

/// <summary>
/// Supervision with real sidecars and apps: a SIGKILLed app or sidecar comes back while the rest keep
/// running; a process that keeps crashing makes the launcher give up with exit code 3; SIGTERM leaves no
/// process behind. Backoffs are shortened with the launcher's flags, so nothing waits long.
/// </summary>
[Trait("Category", "Process")]
public sealed class SupervisionTests : LauncherStage
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(60);

    private string AlphaServer => $"http.server {AlphaPort.ToString(CultureInfo.InvariantCulture)}";
    private string BetaServer => $"http.server {BetaPort.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>beta serves on its first start; every later start fails at once (exit 7), so a kill turns into a crash loop.</summary>
    private void Write()
    {
        Folder.Dir("alpha");
        Folder.Dir("beta");
        Folder.RunYaml($$"""
            version: 1
            common:
              resourcesPaths: [./res]
            apps:
              - appID: alpha
                appDirPath: ./alpha
                appPort: {{AlphaPort}}
                daprHTTPPort: {{AlphaHttp}}
                command: ["python3", "-m", "http.server", "{{AlphaPort}}", "--bind", "127.0.0.1"]
              - appID: beta
                appDirPath: ./beta
                appPort: {{BetaPort}}
                command: ["sh", "-c", "if [ -e started ]; then echo beta-crashes-again; exit 7; fi; touch started; exec python3 -m http.server {{BetaPort}} --bind 127.0.0.1"]
            """);
    }

    private Task<LauncherRun> StartAsync(params string[] restartFlags)
    {
        Write();
        return StartReadyAsync(restartFlags);
    }

    [Fact]
    public async Task Run_AppAndSidecarKilled_BothComeBackOthersUntouchedThenSigtermLeavesNothing()
    {
        await using var run = await StartAsync("--restart-backoff", "0.2");
        var alphaApp = Assert.Single(LauncherRun.ProcessesMentioning(AlphaServer));
        var alphaSidecar = Assert.Single(LauncherRun.ProcessesMentioning($"--dapr-http-port {AlphaHttp.ToString(CultureInfo.InvariantCulture)}"));
        var beta = Assert.Single(LauncherRun.ProcessesMentioning(BetaServer));

        LauncherRun.Signal(alphaApp, "KILL");
        await run.WaitForOutputAsync("🔁  app 'alpha' exited with code 137 (SIGKILL); restart 1 in 0.2 s", RecoveryTimeout);
        await WaitUntilAsync(() => AcceptsAsync(AlphaPort));
        LauncherRun.Signal(alphaSidecar, "KILL");
        await run.WaitForOutputAsync("🔁  sidecar of 'alpha' exited with code 137 (SIGKILL); restart 1 in 0.2 s", RecoveryTimeout);
        await WaitUntilAsync(() => SidecarHealthyAsync(AlphaHttp));

        var newApp = Assert.Single(LauncherRun.ProcessesMentioning(AlphaServer));
        Assert.NotEqual(alphaApp, newApp);
        Assert.Equal([beta], LauncherRun.ProcessesMentioning(BetaServer));
        Assert.Equal(1, run.Output.Split('\n').Count(l => l.StartsWith("🔁  app 'alpha'", StringComparison.Ordinal)));
        var tree = ProcessTree.Of(run.Pid);
        Assert.Contains(newApp, tree);

        run.Signal("TERM");

        Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.DoesNotContain(tree, ProcessTree.IsAlive);
        Assert.Empty(LauncherRun.ProcessesMentioning(Folder.Root));
    }

    [Fact]
    public async Task Run_AppCrashesAtOnceAfterEachRestart_GivesUpWithExitCode3AndStopsEverything()
    {
        await using var run = await StartAsync("--restart-backoff", "0.1", "--max-restarts", "2", "--restart-window", "600");
        var beta = Assert.Single(LauncherRun.ProcessesMentioning(BetaServer));

        LauncherRun.Signal(beta, "KILL");
        var exitCode = await run.WaitForExitAsync(RecoveryTimeout);

        var output = run.Output;
        Assert.Equal(3, exitCode);
        Assert.Contains("🔁  app 'beta' exited with code 137 (SIGKILL); restart 1 in 0.1 s", output, StringComparison.Ordinal);
        Assert.Contains("🔁  app 'beta' exited with code 7; restart 2 in 0.2 s", output, StringComparison.Ordinal);
        Assert.Contains("❌  app 'beta' exited with code 7; it crashed 3 times within 600 s, giving up.", output, StringComparison.Ordinal);
        Assert.Contains("beta-crashes-again", output, StringComparison.Ordinal);
        Assert.Empty(LauncherRun.ProcessesMentioning(Folder.Root));
        Assert.Empty(LauncherRun.ProcessesMentioning(AlphaServer));
    }

    [Fact]
    public async Task Run_NoRestart_ExitOnlyReported()
    {
        await using var run = await StartAsync("--no-restart");
        var alphaApp = Assert.Single(LauncherRun.ProcessesMentioning(AlphaServer));

        LauncherRun.Signal(alphaApp, "KILL");
        await run.WaitForOutputAsync("⚠️  app 'alpha' exited with code 137 (SIGKILL) (restarts are off)", RecoveryTimeout);

        Assert.Empty(LauncherRun.ProcessesMentioning(AlphaServer));
        run.Signal("TERM");
        Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + RecoveryTimeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "did not recover in time");
            await Task.Delay(100);
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task<bool> SidecarHealthyAsync(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/v1.0/healthz/outbound"));
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
