using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Dapr.AiProvider.LocalDapr.Launcher.Processes;
using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.LocalDapr.Tests.Launcher;

/// <summary>The launcher with real sidecars and real app processes (python3 http.server) on a private Redis.</summary>
[Trait("Category", "Process")]
public sealed class LauncherProcessTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly TempRunFolder _folder = new();
    private readonly int _alphaPort = FreePort.Next();
    private readonly int _betaPort = FreePort.Next();
    private readonly int _alphaHttp = FreePort.Next();
    private RedisServer _redis = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _folder.File("res/statestore.yaml", DefaultResources.StateStoreYaml(_redis.Address));
    }

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    private string RunYaml(string betaCommand) => $$"""
        version: 1
        common:
          resourcesPaths: [./res]
          env:
            SHARED: common
            FROM_COMMON: yes-common
        apps:
          - appID: alpha
            appDirPath: ./alpha
            appPort: {{_alphaPort}}
            daprHTTPPort: {{_alphaHttp}}
            env:
              SHARED: app
            command: ["sh", "-c", "echo ENV APP_ID=$APP_ID APP_PORT=$APP_PORT DAPR_HTTP_PORT=$DAPR_HTTP_PORT DAPR_GRPC_PORT=$DAPR_GRPC_PORT SHARED=$SHARED FROM_COMMON=$FROM_COMMON; exec python3 -m http.server {{_alphaPort}} --bind 127.0.0.1"]
          - appID: beta
            appDirPath: ./beta
            appPort: {{_betaPort}}
            command: {{betaCommand}}
        """;

    private void Write(string betaCommand)
    {
        _folder.Dir("alpha");
        _folder.Dir("beta");
        _folder.RunYaml(RunYaml(betaCommand));
    }

    private string BetaServer => $"[\"python3\", \"-m\", \"http.server\", \"{_betaPort}\", \"--bind\", \"127.0.0.1\"]";

    [Fact]
    public async Task Run_TwoApps_ReadyWithEnvAndPrefixesThenSigtermLeavesNoProcess()
    {
        Write(BetaServer);
        var readyFile = Path.Combine(_folder.Root, "ready");
        await using var run = LauncherRun.Start("-f", _folder.Root, "--ready-file", readyFile);

        await run.WaitForFileAsync(readyFile, StartTimeout);
        var tree = ProcessTree.Of(run.Pid);
        var output = run.Output;

        Assert.Contains($"== APP - alpha == ENV APP_ID=alpha APP_PORT={_alphaPort} DAPR_HTTP_PORT={_alphaHttp} DAPR_GRPC_PORT=", output, StringComparison.Ordinal);
        Assert.Contains("SHARED=app FROM_COMMON=yes-common", output, StringComparison.Ordinal);
        Assert.Contains("== DAPR - alpha ==", output, StringComparison.Ordinal);
        Assert.Contains("== DAPR - beta ==", output, StringComparison.Ordinal);
        Assert.Contains("== APP - beta == Serving HTTP", output, StringComparison.Ordinal);
        Assert.Contains("App 'alpha' is ready", output, StringComparison.Ordinal);
        Assert.Contains("All 2 apps are ready", output, StringComparison.Ordinal);
        Assert.Equal(["alpha", "beta"], (await File.ReadAllLinesAsync(readyFile)).Where(l => l.Length > 0));
        Assert.True(tree.Count >= 5, $"expected launcher + 2 sidecars + 2 apps, found pids {string.Join(',', tree)}");

        run.Signal("TERM");

        Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.DoesNotContain(tree, ProcessTree.IsAlive);
        Assert.False(File.Exists(readyFile));
    }

    [Fact]
    public async Task Run_PortAlreadyTaken_FailsFastNamingThePort()
    {
        Write(BetaServer);
        using var squatter = new TcpListener(IPAddress.Loopback, _alphaHttp);
        squatter.Start();
        await using var run = LauncherRun.Start("-f", _folder.RunFile);

        var exitCode = await run.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(1, exitCode);
        Assert.Contains($"port {_alphaHttp} (daprHTTPPort of 'alpha') is already in use", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Started Dapr", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AppDiesDuringStart_FailsFastAndStopsTheOthers()
    {
        Write("[\"sh\", \"-c\", \"echo boom-from-beta; exit 3\"]");
        await using var run = LauncherRun.Start("-f", _folder.RunFile);

        var exitCode = await run.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        Assert.Contains("app 'beta' exited with code 3 during start", run.Output, StringComparison.Ordinal);
        Assert.Contains("boom-from-beta", run.Output, StringComparison.Ordinal);
        Assert.Empty(LauncherRun.ProcessesMentioning(_folder.Root));
        Assert.Empty(LauncherRun.ProcessesMentioning($"http.server {_alphaPort.ToString(CultureInfo.InvariantCulture)}"));
    }

    /// <summary>
    /// An app stopping still talks to its sidecar (the router flushes its usage through it), so the launcher stops
    /// the apps first and the sidecars once the apps exited — as daprd keeps its API up for
    /// <c>--dapr-graceful-shutdown-seconds</c> while its app finishes (https://docs.dapr.io/reference/api/shutdown_api/).
    /// The app here answers SIGTERM by calling its sidecar a second later; stopped together, the call found no sidecar.
    /// </summary>
    [Fact]
    public async Task Sigterm_StopsTheAppFirst_ItsSidecarStillAnswersWhileTheAppShutsDown()
    {
        _folder.Dir("alpha");
        _folder.File("alpha/app.sh", $$"""
            on_term() {
              sleep 1
              echo "SIDECAR DURING APP STOP $(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$DAPR_HTTP_PORT/v1.0/healthz)"
              exit 0
            }
            trap on_term TERM
            python3 -m http.server {{_alphaPort}} --bind 127.0.0.1 &
            wait
            """);
        _folder.RunYaml($$"""
            version: 1
            common:
              resourcesPaths: [./res]
            apps:
              - appID: alpha
                appDirPath: ./alpha
                appPort: {{_alphaPort}}
                daprHTTPPort: {{_alphaHttp}}
                command: ["sh", "./app.sh"]
            """);
        var readyFile = Path.Combine(_folder.Root, "ready");
        await using var run = LauncherRun.Start("-f", _folder.Root, "--ready-file", readyFile);
        await run.WaitForFileAsync(readyFile, StartTimeout);
        var tree = ProcessTree.Of(run.Pid);

        run.Signal("TERM");

        Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("== APP - alpha == SIDECAR DURING APP STOP 204", run.Output, StringComparison.Ordinal);
        Assert.Contains("Stopping all apps, then their sidecars", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(tree, ProcessTree.IsAlive);
    }
}
