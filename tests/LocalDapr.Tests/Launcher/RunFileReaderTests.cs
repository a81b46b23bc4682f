using Dapr.AiProvider.LocalDapr.Launcher.RunFile;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.LocalDapr.Tests.Launcher;

public sealed class RunFileReaderTests : IDisposable
{
    private readonly TempRunFolder _folder = new();
    private int _nextPort = 41000;

    public void Dispose() => _folder.Dispose();

    private IReadOnlyList<AppPlan> Read() => RunFileReader.Read(_folder.RunFile, () => _nextPort++);

    [Fact]
    public void Read_CommonAndApp_MergedAsTheCliDoes()
    {
        _folder.Dir("res");
        _folder.Dir("svc/alpha");
        _folder.RunYaml("""
            version: 1
            common:
              resourcesPaths: [./res]
              appProtocol: http
              logLevel: debug
              maxBodySize: 16Mi
              enableAppHealthCheck: true
              env:
                SHARED: common
                ONLY_COMMON: "1"
            apps:
              - appDirPath: ./svc/alpha/
                appPort: 8080
                logLevel: warn
                env:
                  SHARED: app
                command: ["python3", "app.py"]
            """);

        var app = Assert.Single(Read());

        Assert.Equal("alpha", app.AppId);
        Assert.Equal(Path.Combine(_folder.Root, "svc", "alpha"), app.AppDir);
        Assert.Equal(8080, app.AppPort);
        Assert.Equal([41000, 41001], new[] { app.DaprHttpPort, app.DaprGrpcPort });
        Assert.Equal("warn", app.Shared.LogLevel);
        Assert.Equal("16Mi", app.Shared.MaxBodySize);
        Assert.True(app.Shared.EnableAppHealthCheck);
        Assert.Equal("app", app.Env["SHARED"]);
        Assert.Equal("1", app.Env["ONLY_COMMON"]);
        Assert.Equal([Path.Combine(_folder.Root, "res")], app.ResourcesPaths);
        Assert.Equal(["python3", "app.py"], app.Command);
    }

    [Fact]
    public void Read_ResourcesPaths_AppBeatsDotDaprBeatsCommon()
    {
        _folder.Dir("common-res");
        _folder.Dir("a/own-res");
        _folder.Dir("b/.dapr/resources");
        _folder.Dir("c");
        _folder.RunYaml("""
            version: 1
            common:
              resourcesPaths: [common-res]
            apps:
              - appID: a
                appDirPath: a
                resourcesPaths: [own-res]
              - appID: b
                appDirPath: b
              - appID: c
                appDirPath: c
            """);

        var apps = Read();

        Assert.Equal([Path.Combine(_folder.Root, "a", "own-res")], apps[0].ResourcesPaths);
        Assert.Equal([Path.Combine(_folder.Root, "b", ".dapr", "resources")], apps[1].ResourcesPaths);
        Assert.Equal([Path.Combine(_folder.Root, "common-res")], apps[2].ResourcesPaths);
    }

    [Fact]
    public void Read_ConfigFile_AppDirDotDaprBeatsCommon()
    {
        _folder.File("config.yaml", "kind: Configuration").File("a/.dapr/config.yaml", "kind: Configuration");
        _folder.Dir("b");
        _folder.RunYaml("""
            version: 1
            common:
              configFilePath: ./config.yaml
            apps:
              - { appID: a, appDirPath: a }
              - { appID: b, appDirPath: b }
            """);

        var apps = Read();

        Assert.Equal(Path.Combine(_folder.Root, "a", ".dapr", "config.yaml"), apps[0].ConfigFile);
        Assert.Equal(Path.Combine(_folder.Root, "config.yaml"), apps[1].ConfigFile);
    }

    [Theory]
    [InlineData("apps:\n  - appDirPath: .", "'version'")]
    [InlineData("version: 1\napps:\n  - appID: x", "'appDirPath'")]
    [InlineData("version: 1\napps:\n  - appDirPath: ./missing", "apps[0].appDirPath")]
    [InlineData("version: 1\napps:\n  - appDirPath: .\n    resourcesPaths: [./nope]", "apps[0].resourcesPaths[0]")]
    [InlineData("version: 1\napps:\n  - appDirPath: .\n    appPort: eighty", "line 4")]
    [InlineData("version: 1\napps:\n  - { appID: x, appDirPath: . }\n  - { appID: x, appDirPath: . }", "'x' appears twice")]
    [InlineData("version: 1\napps:\n  - appDirPath: .\n    daprdLogDestination: printer", "daprdLogDestination")]
    public void Read_InvalidRunFile_ThrowsClearMessage(string yaml, string expected)
    {
        _folder.RunYaml(yaml);

        var error = Assert.Throws<RunFileException>(Read);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PortsLeftUnset_NeverGetAPortTheFileNames()
    {
        // The picker hands out 41000, 41001, 41002 … and the file names 41000 and 41002: free until their apps bind
        // them, so a picker could hand them out (a launcher test's beta sidecar once got alpha's app port).
        _folder.Dir("a");
        _folder.Dir("b");
        _folder.RunYaml("""
            version: 1
            apps:
              - appID: alpha
                appDirPath: ./a
                appPort: 41000
              - appID: beta
                appDirPath: ./b
                appPort: 41002
            """);

        var apps = Read();

        Assert.Equal((41001, 41003), (apps[0].DaprHttpPort, apps[0].DaprGrpcPort));
        Assert.Equal((41004, 41005), (apps[1].DaprHttpPort, apps[1].DaprGrpcPort));
    }

    /// <summary><c>unixDomainSocket</c> is an app field (dapr/cli pkg/standalone/run.go RunConfig); relative to <c>appDirPath</c>.</summary>
    [Fact]
    public void Read_UnixDomainSocket_ResolvedAgainstTheAppDir_AndMustExist()
    {
        _folder.Dir("a/sockets");
        _folder.Dir("b");
        _folder.RunYaml("""
            version: 1
            apps:
              - appID: alpha
                appDirPath: ./a
                unixDomainSocket: ./sockets
              - appID: beta
                appDirPath: ./b
            """);

        var apps = Read();

        Assert.Equal(Path.Combine(_folder.Root, "a", "sockets"), apps[0].UnixDomainSocket);
        Assert.Null(apps[1].UnixDomainSocket);

        _folder.RunYaml("version: 1\napps:\n  - appDirPath: ./b\n    unixDomainSocket: ./nowhere");
        var error = Assert.Throws<RunFileException>(Read);
        Assert.Contains("apps[0].unixDomainSocket", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RepositoryDaprYaml_HasTheThreeServicesOnTheirFixedPorts()
    {
        var apps = RunFileReader.Read(RunFileReader.Locate(RepoPaths.Root), () => 0);

        Assert.Equal(8080, apps.Single(a => a.AppId == "router").AppPort);
        Assert.Equal(5200, apps.Single(a => a.AppId == "quota").AppPort);
        Assert.Equal(5300, apps.Single(a => a.AppId == "provider-adapters").AppPort);
        Assert.All(apps, a => Assert.NotEmpty(a.ResourcesPaths));
    }

    [Fact]
    public void Locate_Directory_MeansItsDaprYaml()
    {
        _folder.RunYaml("version: 1");

        Assert.Equal(_folder.RunFile, RunFileReader.Locate(_folder.Root));
        Assert.Throws<RunFileException>(() => RunFileReader.Locate(Path.Combine(_folder.Root, "absent.yaml")));
    }
}
