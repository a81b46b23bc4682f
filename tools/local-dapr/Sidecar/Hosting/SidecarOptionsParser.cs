using System.Globalization;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary>
/// Parses daprd's command line (Go flag syntax: <c>-flag v</c>, <c>--flag v</c>, <c>--flag=v</c>, bare booleans)
/// plus DAPR_API_TOKEN / APP_API_TOKEN. Unknown flags are collected so the host can log them.
/// </summary>
internal static class SidecarOptionsParser
{
    private static readonly HashSet<string> BoolFlags = new(StringComparer.Ordinal)
    {
        "enable-app-health-check", "enable-metrics", "enable-api-logging", "enable-mtls", "enable-profiling",
        "app-ssl", "enable-hot-reloading", "disable-builtin-k8s-secret-store", "enable-otel", "log-as-json",
    };

    public static (SidecarOptions Options, IReadOnlyList<string> Ignored) Parse(
        IReadOnlyList<string> args, Func<string, string?> env)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-') || arg == "-" || arg == "--")
            {
                throw new SidecarStartupException($"unexpected argument '{arg}'");
            }
            var name = arg.TrimStart('-');
            string value;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            else if (BoolFlags.Contains(name) || i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = "true";
            }
            else
            {
                value = args[++i];
            }
            if (!values.TryGetValue(name, out var list))
            {
                values[name] = list = [];
            }
            list.Add(value);
        }
        return Build(values, env);
    }

    private static (SidecarOptions, IReadOnlyList<string>) Build(Dictionary<string, List<string>> v, Func<string, string?> env)
    {
        string? One(string name) => v.Remove(name, out var list) ? list[^1] : null;
        var appId = One("app-id");
        if (string.IsNullOrWhiteSpace(appId))
        {
            throw new SidecarStartupException("--app-id is required");
        }
        if (appId.Contains("||", StringComparison.Ordinal))
        {
            throw new SidecarStartupException("--app-id must not contain '||'");
        }
        var resources = new List<string>();
        foreach (var flag in (string[])["resources-path", "components-path"])
        {
            if (v.Remove(flag, out var list))
            {
                resources.AddRange(list);
            }
        }
        var maxBody = One("max-body-size") is { } size ? ByteSize.Parse(size, "--max-body-size")
            : One("dapr-http-max-request-size") is { } mb ? Int("dapr-http-max-request-size", mb) * 1024L * 1024L
            : 4L * 1024 * 1024;
        var httpPort = One("dapr-http-port") is { } h ? Int("dapr-http-port", h) : 3500;
        var socketDir = NonBlank(One("unix-domain-socket"))?.TrimEnd('/');
        var internalPort = One("dapr-internal-grpc-port") is { } ip ? Int("dapr-internal-grpc-port", ip) : 0;
        var options = new SidecarOptions
        {
            AppId = appId,
            AppPort = One("app-port") is { } p ? Int("app-port", p) : 0,
            AppProtocol = One("app-protocol") ?? "http",
            AppChannelAddress = One("app-channel-address") ?? "127.0.0.1",
            HttpPort = httpPort,
            UnixDomainSocket = socketDir is null ? null : Path.GetFullPath(socketDir),
            InternalPort = socketDir is null ? internalPort : internalPort > 0 ? internalPort : FreePort(),
            GrpcPort = One("dapr-grpc-port") is { } g ? Int("dapr-grpc-port", g) : 50001,
            ResourcesPaths = resources,
            ConfigPath = One("config"),
            EnableAppHealthCheck = Bool("enable-app-health-check", One("enable-app-health-check")),
            AppHealthCheckPath = One("app-health-check-path") ?? "/healthz",
            AppHealthProbeInterval = TimeSpan.FromSeconds(One("app-health-probe-interval") is { } s ? Int("app-health-probe-interval", s) : 5),
            MaxBodySizeBytes = maxBody,
            LogLevel = One("log-level") ?? "info",
            ApiToken = NonBlank(env("DAPR_API_TOKEN")),
            AppApiToken = NonBlank(env("APP_API_TOKEN")),
            Namespace = env("NAMESPACE") ?? "default",
        };
        if (options.AppProtocol is not ("http" or "h2c"))
        {
            throw new SidecarStartupException($"--app-protocol '{options.AppProtocol}' is not supported (http only)");
        }
        var ignored = v.Keys.Order(StringComparer.Ordinal).ToList();
        return (options, ignored);
    }

    /// <summary>
    /// A free loopback port for the peer listener when daprd would pick its internal gRPC port itself. Taken below the
    /// kernel's ephemeral range: a port from there (bind to 0) can be handed to an outgoing connection between this
    /// check and Kestrel's bind on a busy machine, one below it only to another process that asks for it by number.
    /// </summary>
    private static int FreePort()
    {
        var (low, high) = (20000, 32768);
        if (File.Exists(EphemeralRange) && File.ReadAllText(EphemeralRange).Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries) is [var first, _]
            && int.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ephemeralLow) && ephemeralLow > 2048)
        {
            (low, high) = (Math.Max(1024, ephemeralLow - 12000), ephemeralLow);
        }
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(low, high);
            try
            {
                var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
                listener.Start();
                listener.Stop();
                return port;
            }
            catch (System.Net.Sockets.SocketException)
            {
                // taken: try another
            }
        }
        throw new SidecarStartupException($"no free port for other sidecars in {low}-{high}; pass --dapr-internal-grpc-port");
    }

    private const string EphemeralRange = "/proc/sys/net/ipv4/ip_local_port_range";

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static int Int(string flag, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : throw new SidecarStartupException($"--{flag}: '{value}' is not a valid non-negative integer");

    private static bool Bool(string flag, string? value) => value switch
    {
        null => false,
        _ when bool.TryParse(value, out var b) => b,
        _ => throw new SidecarStartupException($"--{flag}: '{value}' is not true or false"),
    };
}
