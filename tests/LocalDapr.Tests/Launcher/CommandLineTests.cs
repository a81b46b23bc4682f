using Dapr.AiProvider.LocalDapr.Launcher;
using Dapr.AiProvider.LocalDapr.Launcher.RunFile;
using Dapr.AiProvider.LocalDapr.Launcher.Running;

namespace Dapr.AiProvider.LocalDapr.Tests.Launcher;

public sealed class CommandLineTests
{
    private static AppPlan Plan() => new()
    {
        AppId = "router",
        AppDir = "/srv/router",
        AppPort = 8080,
        DaprHttpPort = 3500,
        DaprGrpcPort = 50001,
        ResourcesPaths = ["/srv/components", "/srv/extra"],
        ConfigFile = "/srv/config.yaml",
        Env = new Dictionary<string, string> { ["DAPR_HTTP_PORT"] = "9999", ["MINE"] = "x" },
        Shared = new AppSection { EnableAppHealthCheck = true, AppHealthCheckPath = "/healthz", MaxBodySize = "16Mi", LogLevel = "debug" },
    };

    [Fact]
    public void Parse_AllFlags_Read()
    {
        var args = LauncherArguments.Parse(["-f", "x/dapr.yaml", "--sidecar", "s.dll", "--ready-file", "r", "--grace-period", "2"]);

        Assert.Equal("x/dapr.yaml", args.RunFile);
        Assert.Equal("s.dll", args.Sidecar);
        Assert.Equal("r", args.ReadyFile);
        Assert.Equal(TimeSpan.FromSeconds(2), args.GracePeriod);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("-f")]
    [InlineData("--grace-period", "soon")]
    public void Parse_BadArguments_Throw(params string[] args) =>
        Assert.Throws<ArgumentException>(() => LauncherArguments.Parse(args));

    [Fact]
    public void SidecarArguments_Plan_AreDaprdFlags()
    {
        var args = string.Join(' ', AppCommands.SidecarArguments(Plan()));

        Assert.Contains("--app-id router", args, StringComparison.Ordinal);
        Assert.Contains("--app-port 8080", args, StringComparison.Ordinal);
        Assert.Contains("--dapr-http-port 3500 --dapr-grpc-port 50001", args, StringComparison.Ordinal);
        Assert.Contains("--resources-path /srv/components --resources-path /srv/extra", args, StringComparison.Ordinal);
        Assert.Contains("--config /srv/config.yaml", args, StringComparison.Ordinal);
        Assert.Contains("--enable-app-health-check --app-health-check-path /healthz", args, StringComparison.Ordinal);
        Assert.Contains("--max-body-size 16Mi", args, StringComparison.Ordinal);
        Assert.Contains("--log-level debug", args, StringComparison.Ordinal);
        Assert.DoesNotContain("--unix-domain-socket", args, StringComparison.Ordinal);
    }

    /// <summary>The run file's <c>unixDomainSocket</c> becomes daprd's <c>--unix-domain-socket</c> (dapr/cli pkg/standalone/run.go, RunConfig tags).</summary>
    [Fact]
    public void SidecarArguments_UnixDomainSocket_PassedThrough()
    {
        var plan = Plan() with { UnixDomainSocket = "/srv/sockets" };

        var args = string.Join(' ', AppCommands.SidecarArguments(plan));

        Assert.Contains("--unix-domain-socket /srv/sockets", args, StringComparison.Ordinal);
        Assert.Equal("/srv/sockets/dapr-router-http.socket", plan.SocketPath("http"));
        Assert.False(AppCommands.AppEnvironment(plan).Keys.Any(k => k.Contains("SOCKET", StringComparison.Ordinal)),
            "dapr run tells the app nothing about the socket (RunConfig.UnixDomainSocket has no env tag)");
    }

    [Fact]
    public void AppEnvironment_Plan_HasDaprVariablesAndRunFileEnvWins()
    {
        var env = AppCommands.AppEnvironment(Plan());

        Assert.Equal("router", env["APP_ID"]);
        Assert.Equal("8080", env["APP_PORT"]);
        Assert.Equal("http", env["APP_PROTOCOL"]);
        Assert.Equal("127.0.0.1", env["APP_CHANNEL_ADDRESS"]);
        Assert.Equal("50001", env["DAPR_GRPC_PORT"]);
        Assert.Equal("9999", env["DAPR_HTTP_PORT"]);
        Assert.Equal("x", env["MINE"]);
        Assert.False(env.ContainsKey("DAPR_METRICS_PORT"));
    }

    [Fact]
    public void PortProblems_DuplicateAndTakenPorts_Reported()
    {
        var a = Plan();
        var b = Plan() with { AppId = "quota", AppPort = 5200, DaprHttpPort = 3500, DaprGrpcPort = 50002 };

        var problems = PortPlanner.Problems([a, b], port => port != 50002);

        Assert.Contains("port 3500 is used twice: daprHTTPPort of 'router' and daprHTTPPort of 'quota'", problems);
        Assert.Contains("port 50002 (daprGRPCPort of 'quota') is already in use", problems);
        Assert.Equal(2, problems.Count);
    }
}
