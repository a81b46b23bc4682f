using System.Globalization;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.Observability.Tests.EndToEnd;

/// <summary>
/// The whole gateway as real processes (as <c>./run.sh</c> starts it, on free ports: private Redis, fresh
/// PostgreSQL database, provider simulator, the launcher with the repository's dapr.yaml and components), started
/// the way an operator would observe it: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>/<c>_PROTOCOL</c> and
/// <c>AIPROVIDER_LOG_FORMAT=json</c> and an alert webhook given to the launcher only (as to <c>./run.sh</c>), an OTLP receiver, and a
/// real Prometheus scraping the three services with the repository's alert rules loaded. Traffic runs once.
/// </summary>
public sealed class ObservedStack : IAsyncLifetime
{
    public const string BootstrapKey = "aip_observe_bootstrap_key_0123456789";

    private readonly List<TestProcess> _processes = [];
    private RedisServer? _redis;
    private string _workDir = "";
    private readonly Lazy<Task<Traffic>> _traffic;

    public ObservedStack() => _traffic = new(() => Traffic.RunAsync(this));

    public PostgresDatabase Ledger { get; private set; } = null!;
    public StackPorts Ports { get; } = new();
    public OtlpReceiver Otlp { get; } = new();
    public WebhookReceiver Webhook { get; } = new();
    public PrometheusServer Prometheus { get; private set; } = null!;
    public Uri RouterUrl => Url(Ports.Router);
    public Uri QuotaUrl => Url(Ports.Quota);
    public Uri AdaptersUrl => Url(Ports.Adapters);
    public Uri SimulatorUrl => Url(Ports.Simulator);
    public HttpClient Client { get; private set; } = null!;
    /// <summary>Everything the launcher printed (each app's lines prefixed with its name).</summary>
    public string LauncherOutput => _processes.Count > 1 ? _processes[1].Output : "";

    /// <summary>The traffic every test looks at, sent once.</summary>
    public Task<Traffic> TrafficAsync() => _traffic.Value;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        Ledger = await PostgresDatabase.CreateAsync();
        _workDir = Directory.CreateTempSubdirectory("aiprovider-observe-").FullName;

        var simulator = TestProcess.StartDotnet("simulator",
            RepoPaths.Dll("tools/provider-simulator", "ProviderSimulator"), ["--urls", SimulatorUrl.ToString()]);
        _processes.Add(simulator);

        var runFile = StackFiles.Write(_workDir, _redis.Address, Ledger.ConnectionString, Ports);
        AddOtelTracing(Path.Combine(_workDir, "components", "config.yaml"));
        var env = new Dictionary<string, string>
        {
            ["AIPROVIDER_BOOTSTRAP_KEY"] = BootstrapKey,
            ["AIPROVIDER_SIMULATOR_URL"] = SimulatorUrl.ToString().TrimEnd('/'),
            ["LOCALDAPR_REGISTRY_REDIS"] = _redis.Address,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Otlp.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "500", // export spans every half second, not every 5 s
            ["AIPROVIDER_LOG_FORMAT"] = "json",
            ["Quota__Alerts__WebhookUrl"] = Webhook.Url,
            ["Quota__Alerts__WebhookSecret"] = WebhookReceiver.Secret,
            ["Quota__Alerts__RetryDelay"] = "00:00:00.200",
        };
        var launcher = TestProcess.StartDotnet("launcher",
            RepoPaths.Dll("tools/local-dapr/Launcher", "LocalDapr.Launcher"),
            ["-f", runFile, "--sidecar", RepoPaths.Dll("tools/local-dapr/Sidecar", "LocalDapr.Sidecar")], env);
        _processes.Add(launcher);

        Prometheus = await PrometheusServer.StartAsync(new Dictionary<string, string>
        {
            ["router"] = HostPort(Ports.Router),
            ["quota"] = HostPort(Ports.Quota),
            ["provider-adapters"] = HostPort(Ports.Adapters),
        }, Path.Combine(RepoPaths.Root, "k8s", "monitoring", "rules", "ai-provider.rules.yml"));

        await simulator.WaitForHttpAsync(new Uri(SimulatorUrl, "/_sim/faults").ToString(), TimeSpan.FromSeconds(60));
        await launcher.WaitForHttpAsync(new Uri(RouterUrl, "/readyz").ToString(), TimeSpan.FromSeconds(120));
        await launcher.WaitForHttpAsync(new Uri(QuotaUrl, "/readyz").ToString(), TimeSpan.FromSeconds(60));
        await launcher.WaitForHttpAsync(new Uri(AdaptersUrl, "/readyz").ToString(), TimeSpan.FromSeconds(60));
        Client = new HttpClient { BaseAddress = RouterUrl, Timeout = TimeSpan.FromSeconds(60) };
        Client.DefaultRequestHeaders.Authorization = new("Bearer", BootstrapKey);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (Prometheus is not null)
        {
            await Prometheus.DisposeAsync();
        }
        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            await _processes[i].DisposeAsync();
        }
        await Otlp.DisposeAsync();
        await Webhook.DisposeAsync();
        await Ledger.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
        try { Directory.Delete(_workDir, recursive: true); } catch (IOException) { }
    }

    /// <summary>The Dapr Configuration's otel exporter pointed at the receiver, as an operator points it at a collector.</summary>
    private void AddOtelTracing(string configFile)
    {
        var text = File.ReadAllText(configFile);
        const string Endpoint = "      endpointAddress: \"127.0.0.1:4318\"\n      protocol: http\n";
        if (!text.Contains("  tracing:\n    samplingRate: \"1\"\n", StringComparison.Ordinal) || !text.Contains(Endpoint, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("components/config.yaml has no tracing section with samplingRate 1 and an OTLP/HTTP endpoint:\n" + text);
        }
        File.WriteAllText(configFile, text.Replace(Endpoint, $"      endpointAddress: \"127.0.0.1:{Otlp.Port}\"\n      protocol: http\n", StringComparison.Ordinal));
    }

    private static Uri Url(int port) => new($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
    private static string HostPort(int port) => "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One stack for the observability end-to-end tests.</summary>
[CollectionDefinition(Name)]
public sealed class ObservedStackCollection : ICollectionFixture<ObservedStack>
{
    public const string Name = "observed-stack";
}
