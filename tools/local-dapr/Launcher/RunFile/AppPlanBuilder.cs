namespace Dapr.AiProvider.LocalDapr.Launcher.RunFile;

/// <summary>Turns one <c>apps[]</c> entry into an <see cref="AppPlan"/> (merge with common, resolve paths).</summary>
internal static class AppPlanBuilder
{
    public static AppPlan Build(
        AppSection app, AppSection common, string field, PathResolver paths, string baseDir,
        List<string> commonResources, string? commonConfig, Func<int> freePort)
    {
        var appDir = paths.Resolve(baseDir, $"{field}.appDirPath", app.AppDirPath)
            ?? throw new RunFileException($"{field}: required field 'appDirPath' not found in the provided app config file");
        var appId = string.IsNullOrWhiteSpace(app.AppId) ? Path.GetFileName(appDir) : app.AppId;
        var resources = paths.ResolveAll(appDir, $"{field}.resourcesPaths", app.ResourcesPaths, app.ResourcesPath);
        var config = paths.Resolve(appDir, $"{field}.configFilePath", app.ConfigFilePath);
        var shared = Merge(app, common);

        return new AppPlan
        {
            AppId = appId,
            AppDir = appDir,
            AppPort = app.AppPort is > 0 ? app.AppPort : null,
            AppProtocol = shared.AppProtocol ?? "http",
            AppChannelAddress = app.AppChannelAddress ?? common.AppChannelAddress ?? "127.0.0.1",
            DaprHttpPort = app.DaprHttpPort is > 0 and var http ? http : freePort(),
            DaprGrpcPort = app.DaprGrpcPort is > 0 and var grpc ? grpc : freePort(),
            MetricsPort = app.MetricsPort is > 0 ? app.MetricsPort : null,
            UnixDomainSocket = paths.Resolve(appDir, $"{field}.unixDomainSocket", app.UnixDomainSocket),
            Command = app.Command ?? [],
            Env = MergeEnv(common.Env, app.Env),
            ResourcesPaths = resources.Count > 0 ? resources : DefaultResources(appDir, commonResources),
            ConfigFile = config ?? DefaultConfig(appDir, commonConfig),
            Shared = shared,
            DaprdLog = Destination(shared.DaprdLogDestination, $"{field}.daprdLogDestination"),
            AppLog = Destination(shared.AppLogDestination, $"{field}.appLogDestination"),
        };
    }

    private static List<string> DefaultResources(string appDir, List<string> commonResources)
    {
        var local = Path.Combine(appDir, ".dapr", "resources");
        if (Directory.Exists(local))
        {
            return [local];
        }

        if (commonResources.Count > 0)
        {
            return commonResources;
        }

        var home = PathResolver.ExpandHome("~/.dapr/components");
        return Directory.Exists(home) ? [home] : [];
    }

    private static string? DefaultConfig(string appDir, string? commonConfig)
    {
        var local = Path.Combine(appDir, ".dapr", "config.yaml");
        if (File.Exists(local))
        {
            return local;
        }

        if (commonConfig is not null)
        {
            return commonConfig;
        }

        var home = PathResolver.ExpandHome("~/.dapr/config.yaml");
        return File.Exists(home) ? home : null;
    }

    private static Dictionary<string, string> MergeEnv(Dictionary<string, string>? common, Dictionary<string, string>? app)
    {
        var env = new Dictionary<string, string>(common ?? [], StringComparer.Ordinal);
        foreach (var (key, value) in app ?? [])
        {
            env[key] = value;
        }

        return env;
    }

    /// <summary>Shared settings: the app's own value, else common's.</summary>
    private static AppSection Merge(AppSection app, AppSection common) => new()
    {
        AppProtocol = app.AppProtocol ?? common.AppProtocol,
        LogLevel = app.LogLevel ?? common.LogLevel,
        EnableAppHealthCheck = app.EnableAppHealthCheck ?? common.EnableAppHealthCheck,
        AppHealthCheckPath = app.AppHealthCheckPath ?? common.AppHealthCheckPath,
        AppHealthProbeInterval = app.AppHealthProbeInterval ?? common.AppHealthProbeInterval,
        AppHealthProbeTimeout = app.AppHealthProbeTimeout ?? common.AppHealthProbeTimeout,
        AppHealthThreshold = app.AppHealthThreshold ?? common.AppHealthThreshold,
        EnableApiLogging = app.EnableApiLogging ?? common.EnableApiLogging,
        AppMaxConcurrency = app.AppMaxConcurrency ?? common.AppMaxConcurrency,
        MaxBodySize = app.MaxBodySize ?? common.MaxBodySize,
        ReadBufferSize = app.ReadBufferSize ?? common.ReadBufferSize,
        PlacementHostAddress = app.PlacementHostAddress ?? common.PlacementHostAddress,
        SchedulerHostAddress = app.SchedulerHostAddress ?? common.SchedulerHostAddress,
        DaprdLogDestination = app.DaprdLogDestination ?? common.DaprdLogDestination,
        AppLogDestination = app.AppLogDestination ?? common.AppLogDestination,
    };

    private static LogDestination Destination(string? value, string field) => value switch
    {
        null or "" or "console" => LogDestination.Console,
        "file" => LogDestination.File,
        "fileAndConsole" => LogDestination.FileAndConsole,
        _ => throw new RunFileException($"{field}: '{value}' is not one of file, console, fileAndConsole"),
    };
}
