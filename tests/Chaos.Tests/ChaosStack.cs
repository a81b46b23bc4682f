using System.Net;
using Dapr.AiProvider.Quota.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;
using Npgsql;

namespace Dapr.AiProvider.Chaos.Tests;

/// <summary>
/// The whole gateway as <c>./run.sh</c> starts it, on free ports (as the end-to-end tests' stack): a private
/// persistent Redis (<see cref="ChaosRedis"/>), a fresh PostgreSQL database, the provider simulator and the launcher with the repository's
/// <c>dapr.yaml</c> and components. Quota reaches PostgreSQL through a <see cref="TcpProxy"/>, so the
/// database can be "stopped" for quota alone without disturbing other tests on the shared server. The
/// launcher restarts what dies after 0.5 s (its default is 1 s).
/// </summary>
internal sealed class ChaosStack : IAsyncDisposable
{
    public const string BootstrapKey = "aip_chaos_bootstrap_key_0123456789";

    /// <summary>The router's total deadline in the chaos run (default 120 s): a hung request shows within the run.</summary>
    public const int RouterDeadlineSeconds = 30;

    private readonly List<TestProcess> _processes = [];
    private string _workDir = "";

    public ChaosRedis Redis { get; private set; } = null!;
    public PostgresDatabase Ledger { get; private set; } = null!;
    public TcpProxy LedgerProxy { get; private set; } = null!;
    public StackPorts Ports { get; } = new();
    public Uri RouterUrl { get; private set; } = null!;
    public Uri SimulatorUrl { get; private set; } = null!;
    public TestProcess Launcher => _processes[1];

    public static async Task<ChaosStack> StartAsync()
    {
        var stack = new ChaosStack();
        try
        {
            await stack.InitializeAsync();
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    private async Task InitializeAsync()
    {
        Redis = await ChaosRedis.StartAsync();
        Ledger = await PostgresDatabase.CreateAsync();
        var server = new NpgsqlConnectionStringBuilder(Ledger.ConnectionString);
        LedgerProxy = new TcpProxy(new IPEndPoint(IPAddress.Loopback, server.Port));
        LedgerProxy.Start();
        var viaProxy = new NpgsqlConnectionStringBuilder(Ledger.ConnectionString) { Host = "127.0.0.1", Port = LedgerProxy.Port };
        _workDir = Directory.CreateTempSubdirectory("aiprovider-chaos-").FullName;

        SimulatorUrl = new Uri($"http://127.0.0.1:{Ports.Simulator}");
        var simulator = TestProcess.StartDotnet("simulator",
            RepoPaths.Dll("tools/provider-simulator", "ProviderSimulator"), ["--urls", SimulatorUrl.ToString()]);
        _processes.Add(simulator);

        var runFile = StackFiles.Write(_workDir, Redis.Address, viaProxy.ConnectionString, Ports);
        var env = new Dictionary<string, string>
        {
            ["AIPROVIDER_BOOTSTRAP_KEY"] = BootstrapKey,
            ["AIPROVIDER_SIMULATOR_URL"] = SimulatorUrl.ToString().TrimEnd('/'),
            ["LOCALDAPR_REGISTRY_REDIS"] = Redis.Address,
            ["Router__TotalDeadlineSeconds"] = RouterDeadlineSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var launcher = TestProcess.StartDotnet("launcher",
            RepoPaths.Dll("tools/local-dapr/Launcher", "LocalDapr.Launcher"),
            ["-f", runFile, "--sidecar", RepoPaths.Dll("tools/local-dapr/Sidecar", "LocalDapr.Sidecar"),
             "--restart-backoff", "0.5", "--max-restarts", "10"], env);
        _processes.Add(launcher);

        RouterUrl = new Uri($"http://127.0.0.1:{Ports.Router}");
        await simulator.WaitForHttpAsync(new Uri(SimulatorUrl, "/_sim/faults").ToString(), TimeSpan.FromSeconds(60));
        await launcher.WaitForHttpAsync(new Uri(RouterUrl, "/readyz").ToString(), TimeSpan.FromSeconds(180));
    }

    /// <summary>Pid of a process the launcher started, found by a piece of its command line.</summary>
    public int? Pid(string commandLinePart) => ChildProcesses.Find(Launcher.Id, commandLinePart);

    public async ValueTask DisposeAsync()
    {
        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            await _processes[i].DisposeAsync();
        }

        if (LedgerProxy is not null)
        {
            await LedgerProxy.DisposeAsync();
        }

        if (Ledger is not null)
        {
            await Ledger.DisposeAsync();
        }

        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
