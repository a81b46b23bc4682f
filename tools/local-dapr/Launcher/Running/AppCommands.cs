using System.Globalization;
using Dapr.AiProvider.LocalDapr.Launcher.RunFile;

namespace Dapr.AiProvider.LocalDapr.Launcher.Running;

/// <summary>The daprd flags for an app's sidecar and the environment <c>dapr run -f</c> gives the app.</summary>
internal static class AppCommands
{
    public static List<string> SidecarArguments(AppPlan app)
    {
        var s = app.Shared;
        var args = new List<string>
        {
            "--app-id", app.AppId,
            "--dapr-http-port", Text(app.DaprHttpPort),
            "--dapr-grpc-port", Text(app.DaprGrpcPort),
            "--app-protocol", app.AppProtocol,
            "--app-channel-address", app.AppChannelAddress,
        };
        Add("--app-port", app.AppPort);
        foreach (var path in app.ResourcesPaths)
        {
            args.AddRange(["--resources-path", path]);
        }

        Add("--config", app.ConfigFile);
        Add("--metrics-port", app.MetricsPort);
        Add("--unix-domain-socket", app.UnixDomainSocket);
        if (s.EnableAppHealthCheck == true)
        {
            args.Add("--enable-app-health-check");
        }

        Add("--app-health-check-path", s.AppHealthCheckPath);
        Add("--app-health-probe-interval", s.AppHealthProbeInterval);
        Add("--app-health-probe-timeout", s.AppHealthProbeTimeout);
        Add("--app-health-threshold", s.AppHealthThreshold);
        Add("--log-level", s.LogLevel);
        Add("--max-body-size", s.MaxBodySize);
        Add("--read-buffer-size", s.ReadBufferSize);
        Add("--app-max-concurrency", s.AppMaxConcurrency);
        Add("--placement-host-address", s.PlacementHostAddress);
        Add("--scheduler-host-address", s.SchedulerHostAddress);
        if (s.EnableApiLogging == true)
        {
            args.Add("--enable-api-logging");
        }

        return args;

        void Add(string flag, object? value)
        {
            if (value is not null && (value is not string text || text.Length > 0))
            {
                args.AddRange([flag, Convert.ToString(value, CultureInfo.InvariantCulture)!]);
            }
        }
    }

    /// <summary>APP_ID, APP_PORT, APP_PROTOCOL, APP_CHANNEL_ADDRESS, DAPR_HTTP_PORT, DAPR_GRPC_PORT, DAPR_METRICS_PORT, then env.</summary>
    public static Dictionary<string, string> AppEnvironment(AppPlan app)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["APP_ID"] = app.AppId,
            ["APP_PROTOCOL"] = app.AppProtocol,
            ["APP_CHANNEL_ADDRESS"] = app.AppChannelAddress,
            ["DAPR_HTTP_PORT"] = Text(app.DaprHttpPort),
            ["DAPR_GRPC_PORT"] = Text(app.DaprGrpcPort),
        };
        if (app.AppPort is { } port)
        {
            env["APP_PORT"] = Text(port);
        }

        if (app.MetricsPort is { } metrics)
        {
            env["DAPR_METRICS_PORT"] = Text(metrics);
        }

        foreach (var (key, value) in app.Env)
        {
            env[key] = value;
        }

        return env;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
