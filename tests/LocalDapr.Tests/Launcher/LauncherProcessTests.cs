using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Dapr.AiProvider.LocalDapr.Launcher.Processes;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.LocalDapr.Tests.Launcher;

/// <summary>The launcher with real sidecars and real app processes (python3 http.server) on a private Redis.</summary>
[Trait("Category", "Process")]
public sealed class LauncherProcessTests : LauncherStage
{
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
            appPort: {{AlphaPort}}
            daprHTTPPort: {{AlphaHttp}}
            env:
              SHARED: app
            command: ["sh", "-c", "echo ENV APP_ID=$APP_ID APP_PORT=$APP_PORT DAPR_HTTP_PORT=$DAPR_HTTP_PORT DAPR_GRPC_PORT=$DAPR_GRPC_PORT SHARED=$SHARED FROM_COMMON=$FROM_COMMON; exec python3 -m http.server {{AlphaPort}} --bind 127.0.0.1"]
          - appID: beta
            appDirPath: ./beta
            appPort: {{BetaPort}}
            command: {{betaCommand}}
        """;

    private void Write(string betaCommand)
    {
        Folder.Dir("alpha");
        Folder.Dir("beta");
        Folder.RunYaml(RunYaml(betaCommand));
    }

    private string BetaServer => $"[\"python3\", \"-m\", \"http.server\", \"{BetaPort}\", \"--bind\", \"127.0.0.1\"]";

    [Fact]
    public async Task Run_TwoApps_ReadyWithEnvAndPrefixesThenSigtermLeavesNoProcess()
    {
        Write(BetaServer);
        await using var run = await StartReadyAsync();

        var tree = ProcessTree.Of(run.Pid);
        var output = run.Output;

        Assert.Contains($"== APP - alpha == ENV APP_ID=alpha APP_PORT={AlphaPort} DAPR_HTTP_PORT={AlphaHttp} DAPR_GRPC_PORT=", output, StringComparison.Ordinal);
        Assert.Contains("SHARED=app FROM_COMMON=yes-common", output, StringComparison.Ordinal);
        Assert.Contains("== DAPR - alpha ==", output, StringComparison.Ordinal);
        Assert.Contains("== DAPR - beta ==", output, StringComparison.Ordinal);
        Assert.Contains("== APP - beta == Serving HTTP", output, StringComparison.Ordinal);
        Assert.Contains("App 'alpha' is ready", output, StringComparison.Ordinal);
        Assert.Contains("All 2 apps are ready", output, StringComparison.Ordinal);
        Assert.Equal(["alpha", "beta"], (await File.ReadAllLinesAsync(ReadyFile)).Where(l => l.Length > 0));
        Assert.True(tree.Count >= 5, $"expected launcher + 2 sidecars + 2 apps, found pids {string.Join(',', tree)}");

        run.Signal("TERM");

        Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.DoesNotContain(tree, ProcessTree.IsAlive);
        Assert.False(File.Exists(ReadyFile));
    }

    /// <summary>
    /// The run file's <c>unixDomainSocket</c>: the sidecar's API is on its sockets (the launcher checks readiness
    /// there, as the CLI checks the socket: dapr/cli cmd/run.go), invocation between two socket sidecars reaches the
    /// app, a file left by a killed sidecar does not stop the start, and the files are gone after the run (the CLI
    /// removes them once daprd exited: cmd/run.go, after gracefullyShutdownAppsAndCloseResources).
    /// </summary>
    [Fact]
    public async Task Run_UnixDomainSocket_ReadyAndInvokingOverTheSockets_FilesRemovedAtStop()
    {
        Folder.Dir("alpha");
        Folder.File("beta/hello.txt", "served by beta");
        Folder.File("sock/dapr-alpha-http.socket", "left by a killed sidecar");
        Folder.RunYaml($$"""
            version: 1
            common:
              resourcesPaths: [./res]
            apps:
              - appID: alpha
                appDirPath: ./alpha
                unixDomainSocket: ../sock
              - appID: beta
                appDirPath: ./beta
                appPort: {{BetaPort}}
                unixDomainSocket: ../sock
                command: {{BetaServer}}
            """);
        var sockets = Path.Combine(Folder.Root, "sock");
        await using var run = await StartReadyAsync();

        Assert.Equal(
            ["dapr-alpha-grpc.socket", "dapr-alpha-http.socket", "dapr-beta-grpc.socket", "dapr-beta-http.socket"],
            Directory.GetFileSystemEntries(sockets).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains($"Started Dapr with app id \"alpha\". HTTP Socket: {sockets}/dapr-alpha-http.socket. gRPC Socket: {sockets}/dapr-alpha-grpc.socket.",
            run.Output, StringComparison.Ordinal);
        using (var alpha = UnixSocketHttp.Client(Path.Combine(sockets, "dapr-alpha-http.socket")))
        {
            // Ready means beta's app accepts; its sidecar registers for name resolution on its next heartbeat.
            var (status, body) = (HttpStatusCode.InternalServerError, "");
            for (var attempt = 0; attempt < 50 && status != HttpStatusCode.OK; attempt++)
            {
                await Task.Delay(attempt == 0 ? 0 : 200);
                using var hello = await alpha.GetAsync("v1.0/invoke/beta/method/hello.txt");
                (status, body) = (hello.StatusCode, await hello.Content.ReadAsStringAsync());
            }
            Assert.True(status == HttpStatusCode.OK, $"{status}: {body}\n{run.Output}");
            Assert.Equal("served by beta", body);
        }

        run.Signal("TERM");

        Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(Directory.GetFileSystemEntries(sockets));
    }

    [Fact]
    public async Task Run_PortAlreadyTaken_FailsFastNamingThePort()
    {
        Write(BetaServer);
        using var squatter = new TcpListener(IPAddress.Loopback, AlphaHttp);
        squatter.Start();
        await using var run = LauncherRun.Start("-f", Folder.RunFile);

        var exitCode = await run.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(1, exitCode);
        Assert.Contains($"port {AlphaHttp} (daprHTTPPort of 'alpha') is already in use", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Started Dapr", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AppDiesDuringStart_FailsFastAndStopsTheOthers()
    {
        Write("[\"sh\", \"-c\", \"echo boom-from-beta; exit 3\"]");
        await using var run = LauncherRun.Start("-f", Folder.RunFile);

        var exitCode = await run.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        Assert.Contains("app 'beta' exited with code 3 during start", run.Output, StringComparison.Ordinal);
        Assert.Contains("boom-from-beta", run.Output, StringComparison.Ordinal);
        Assert.Empty(LauncherRun.ProcessesMentioning(Folder.Root));
        Assert.Empty(LauncherRun.ProcessesMentioning($"http.server {AlphaPort.ToString(CultureInfo.InvariantCulture)}"));
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
        Folder.Dir("alpha");
        Folder.File("alpha/app.sh", $$"""
            on_term() {
              sleep 1
              echo "SIDECAR DURING APP STOP $(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$DAPR_HTTP_PORT/v1.0/healthz)"
              exit 0
            }
            trap on_term TERM
            python3 -m http.server {{AlphaPort}} --bind 127.0.0.1 &
            wait
            """);
        Folder.RunYaml($$"""
            version: 1
            common:
              resourcesPaths: [./res]
            apps:
              - appID: alpha
                appDirPath: ./alpha
                appPort: {{AlphaPort}}
                daprHTTPPort: {{AlphaHttp}}
                command: ["sh", "./app.sh"]
            """);
        await using var run = await StartReadyAsync();
        var tree = ProcessTree.Of(run.Pid);

        run.Signal("TERM");

        Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("== APP - alpha == SIDECAR DURING APP STOP 204", run.Output, StringComparison.Ordinal);
        Assert.Contains("Stopping all apps, then their sidecars", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(tree, ProcessTree.IsAlive);
    }
}
