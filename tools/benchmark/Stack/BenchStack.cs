using System.Diagnostics;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.Benchmark.Stack;

/// <summary>
/// The whole gateway as real processes on free ports: a private redis-server, a fresh PostgreSQL
/// database, the provider simulator, and the launcher reading a generated dapr.yaml (router, quota,
/// provider-adapters, each with a local sidecar). Everything is stopped and deleted on dispose.
/// </summary>
internal sealed class BenchStack : IAsyncDisposable
{
    /// <summary>Not <c>aip_</c>-prefixed: the router sends those to the database keys, anything else to the bootstrap key.</summary>
    public const string BootstrapKey = "benchmark-bootstrap-key-0123456789";
    public const string SimulatorKey = "sim-key";

    private readonly List<TestProcess> _processes = [];
    private RedisServer? _redis;
    private PostgresDatabase? _ledger;
    private string _workDir = "";

    private readonly IReadOnlyDictionary<string, string> _extraEnv;

    private BenchStack(StackPorts ports, IReadOnlyDictionary<string, string>? extraEnv)
    {
        Ports = ports;
        _extraEnv = extraEnv ?? new Dictionary<string, string>();
    }

    public StackPorts Ports { get; }
    public string RedisAddress => _redis!.Address;
    public string LedgerConnectionString => _ledger!.ConnectionString;
    public Uri RouterUrl => Local(Ports.Router);
    public Uri SimulatorUrl => Local(Ports.Simulator);
    /// <summary>provider-adapters itself (its app port, no sidecar in between).</summary>
    public Uri AdaptersAppUrl => Local(Ports.Adapters);
    public Uri QuotaSidecarUrl => Local(Ports.QuotaHttp);
    public int SimulatorPid => _processes[0].Id;
    /// <summary>The launcher; every app and sidecar of the stack is its descendant (see <see cref="StackProcesses"/>).</summary>
    public int LauncherPid => _processes[1].Id;

    /// <param name="extraEnv">
    /// Configuration for every process of this stack — the simulator, the launcher and so the apps (e.g. the
    /// accelerated clock <c>Clock__Scale</c>, <c>Router__FreeWindows__Proactive</c>); null for the stack as shipped.
    /// </param>
    public static async Task<BenchStack> StartAsync(CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? extraEnv = null)
    {
        var started = Stopwatch.StartNew();
        var stack = new BenchStack(new StackPorts(), extraEnv);
        try
        {
            await stack.StartProcessesAsync(cancellationToken);
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
        Console.WriteLine($"stack up in {started.Elapsed.TotalSeconds:0.0} s (redis {stack.RedisAddress}, database {stack._ledger!.Name}); apps log at Warning");
        return stack;
    }

    private async Task StartProcessesAsync(CancellationToken cancellationToken)
    {
        _redis = await RedisServer.StartAsync();
        _ledger = await PostgresDatabase.CreateAsync();
        _workDir = Directory.CreateTempSubdirectory("aiprovider-bench-").FullName;

        // The simulator reports a per-provider minute window in its rate-limit headers (10,000 requests by
        // default), and the router benches a provider whose headers say nothing is left, as it must with a real
        // one. The direct arm and the gateway share the simulator's "openai" account, so at thousands of
        // requests a second the default window runs out within seconds and the gateway arm is refused with 503
        // no_healthy_candidate. A benchmark measures the path, not a rate limit: the account gets a window no run reaches.
        var simulatorEnv = Quiet();
        simulatorEnv["Simulator__RequestsPerMinute"] = "1000000000";
        simulatorEnv["Simulator__TokensPerMinute"] = "2000000000";
        var simulator = TestProcess.StartDotnet("simulator",
            RepoPaths.Dll("tools/provider-simulator", "ProviderSimulator"), ["--urls", SimulatorUrl.ToString()],
            simulatorEnv);
        _processes.Add(simulator);

        var runFile = StackFiles.Write(_workDir, _redis.Address, _ledger.ConnectionString, Ports, AotRouter(), AotAdapters());
        var env = Quiet();
        env["AIPROVIDER_BOOTSTRAP_KEY"] = BootstrapKey;
        env["AIPROVIDER_SIMULATOR_URL"] = SimulatorUrl.ToString().TrimEnd('/');
        env["LOCALDAPR_REGISTRY_REDIS"] = _redis.Address;
        var launcher = TestProcess.StartDotnet("launcher",
            RepoPaths.Dll("tools/local-dapr/Launcher", "LocalDapr.Launcher"),
            ["-f", runFile, "--sidecar", RepoPaths.Dll("tools/local-dapr/Sidecar", "LocalDapr.Sidecar")], env);
        _processes.Add(launcher);

        await simulator.WaitForHttpAsync(new Uri(SimulatorUrl, "/healthz").ToString(), TimeSpan.FromSeconds(60));
        await launcher.WaitForHttpAsync(new Uri(RouterUrl, "/readyz").ToString(), TimeSpan.FromSeconds(120));
        await launcher.WaitForHttpAsync(new Uri(AdaptersAppUrl, "/readyz").ToString(), TimeSpan.FromSeconds(60));
        await launcher.WaitForHttpAsync(new Uri(QuotaSidecarUrl, "/v1.0/healthz/outbound").ToString(), TimeSpan.FromSeconds(60));
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// <c>AIPROVIDER_BENCH_ROUTER_AOT=&lt;dir&gt;</c>: the router runs from its Native AOT publish in that folder (the
    /// Dockerfile's <c>dotnet publish services/router/Router.csproj -c Release -r linux-x64 -o &lt;dir&gt;</c>) instead of
    /// its build output, so the native and the JIT router can be measured in turn (docs/benchmarks-peer.md).
    /// </summary>
    private static string? AotRouter() =>
        NativeExecutable("AIPROVIDER_BENCH_ROUTER_AOT", "router", "Dapr.AiProvider.Router", "services/router/Router.csproj");

    /// <summary><c>AIPROVIDER_BENCH_ADAPTERS_AOT=&lt;dir&gt;</c>: the same for provider-adapters (docs/benchmarks-peer.md,
    /// "Session 11: provider-adapters as Native AOT").</summary>
    private static string? AotAdapters() =>
        NativeExecutable("AIPROVIDER_BENCH_ADAPTERS_AOT", "provider-adapters", "Dapr.AiProvider.ProviderAdapters", "services/provider-adapters/ProviderAdapters.csproj");

    private static string? NativeExecutable(string variable, string app, string name, string project)
    {
        if (Environment.GetEnvironmentVariable(variable) is not { Length: > 0 } dir)
        {
            return null;
        }
        var executable = Path.GetFullPath(Path.Combine(dir, name));
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException($"{variable}: {executable} does not exist; publish it with "
                + $"dotnet publish {project} -c Release -r linux-x64 -o {dir}");
        }
        Console.WriteLine($"{app}: the Native AOT executable {executable}");
        return executable;
    }

    /// <summary>The extra configuration, then warnings only from the apps: per-request Information logs would be part of what is measured.</summary>
    private Dictionary<string, string> Quiet()
    {
        var env = new Dictionary<string, string>(_extraEnv)
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        };
        return env;
    }

    /// <summary>The launcher's output (prefixed per app), for failure messages.</summary>
    public string LauncherOutput => _processes.Count > 1 ? _processes[1].Output : "";

    public async ValueTask DisposeAsync()
    {
        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            await _processes[i].DisposeAsync();
        }
        if (_ledger is not null)
        {
            await _ledger.DisposeAsync();
        }
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
        try { Directory.Delete(_workDir, recursive: true); } catch (IOException) { } catch (ArgumentException) { }
    }

    private static Uri Local(int port) => new($"http://127.0.0.1:{port}");
}
