using System.ClientModel;
using System.Globalization;
using System.Text;
using OpenAI;
using OpenAI.Chat;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.EndToEnd.Tests;

/// <summary>
/// The whole gateway as real processes, as <c>./run.sh</c> starts it but on free ports: a private
/// Redis, a fresh PostgreSQL database, the provider simulator, and the launcher reading a generated
/// <c>dapr.yaml</c> (router, quota, provider-adapters, each with a local sidecar), plus the sidecar of
/// an "agent" app that calls the router by Dapr service invocation.
/// </summary>
public sealed class GatewayStack : IAsyncLifetime
{
    public const string BootstrapKey = "aip_e2e_bootstrap_key_0123456789";

    private readonly List<TestProcess> _processes = [];
    private RedisServer? _redis;
    private TestProcess? _launcher;
    private string _workDir = "";

    public PostgresDatabase Ledger { get; private set; } = null!;
    public Uri RouterUrl { get; private set; } = null!;

    /// <summary>The official OpenAI SDK's chat client on this stack's router (model <c>auto</c>, the bootstrap key).</summary>
    public ChatClient OpenAiChat() => new("auto", new ApiKeyCredential(BootstrapKey),
        new OpenAIClientOptions { Endpoint = new Uri(RouterUrl, "/v1") });

    /// <summary>One completion streamed with the official SDK and read to its end: its text and its finish reason.</summary>
    public async Task<(string Text, ChatFinishReason? Finish)> StreamChatAsync(string prompt)
    {
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in OpenAiChat().CompleteChatStreamingAsync([new UserChatMessage(prompt)]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
            finish ??= update.FinishReason;
        }
        return (text.ToString(), finish);
    }
    public Uri AgentSidecarUrl { get; private set; } = null!;
    public Uri SimulatorUrl { get; private set; } = null!;
    /// <summary>
    /// A provider stand-in already running (e.g. the replay server of real recordings): the stack starts no simulator
    /// and its adapters call this address, as <c>run.sh</c> does when <c>AIPROVIDER_SIMULATOR_URL</c> is set.
    /// </summary>
    public Uri? ExternalSimulatorUrl { get; init; }
    /// <summary>Runs the router from this native executable (its Native AOT publish) instead of its build output.</summary>
    public string? RouterExecutable { get; init; }
    /// <summary>Runs provider-adapters from this native executable (its Native AOT publish) instead of its build output.</summary>
    public string? AdaptersExecutable { get; init; }
    /// <summary>The stack's resources folder (the repository's components/ with this stack's addresses).</summary>
    public string ComponentsPath => Path.Combine(_workDir, "components");
    public string RedisAddress => _redis!.Address;
    public HttpClient Client { get; private set; } = null!;
    /// <summary>The environment the launcher gave every app (a second router replica starts with the same).</summary>
    public IReadOnlyDictionary<string, string> LauncherEnvironment { get; private set; } = new Dictionary<string, string>();
    /// <summary>How long the router trusts a verified key here (production default: 30 s).</summary>
    public const int KeyCacheSeconds = 2;

    /// <summary>The live process under the launcher whose command line contains <paramref name="commandLinePart"/>.</summary>
    public int? Pid(string commandLinePart) => ChildProcesses.Find(_processes[1].Id, commandLinePart);

    /// <summary>Everything the launcher printed (prefixed per app), for failure messages.</summary>
    public string LauncherOutput => _launcher?.Output ?? "";

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        Ledger = await PostgresDatabase.CreateAsync();
        _workDir = Directory.CreateTempSubdirectory("aiprovider-e2e-").FullName;

        var ports = new StackPorts();
        SimulatorUrl = ExternalSimulatorUrl ?? new Uri($"http://127.0.0.1:{ports.Simulator}");
        var simulator = ExternalSimulatorUrl is null
            ? TestProcess.StartDotnet("simulator",
                RepoPaths.Dll("tools/provider-simulator", "ProviderSimulator"), ["--urls", SimulatorUrl.ToString()])
            : null;
        if (simulator is not null)
        {
            _processes.Add(simulator);
        }

        var runFile = StackFiles.Write(_workDir, _redis.Address, Ledger.ConnectionString, ports, RouterExecutable, AdaptersExecutable);
        var env = new Dictionary<string, string>
        {
            ["AIPROVIDER_BOOTSTRAP_KEY"] = BootstrapKey,
            ["AIPROVIDER_SIMULATOR_URL"] = SimulatorUrl.ToString().TrimEnd('/'),
            ["LOCALDAPR_REGISTRY_REDIS"] = _redis.Address,
            // A short key-cache lifetime, so a revocation shows within seconds rather than the default 30.
            ["Router__Auth__KeyCacheSeconds"] = KeyCacheSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // A provider registry change reaches the adapters within a second and the routers' catalogs within two
            // (defaults 10 s and 30 s), so ProviderRegistryTests waits seconds, not a minute.
            ["Providers__Registry__RefreshInterval"] = "00:00:01",
            ["Router__Catalog__RefreshSeconds"] = "2",
        };
        LauncherEnvironment = env;
        var launcher = TestProcess.StartDotnet("launcher",
            RepoPaths.Dll("tools/local-dapr/Launcher", "LocalDapr.Launcher"),
            ["-f", runFile, "--sidecar", RepoPaths.Dll("tools/local-dapr/Sidecar", "LocalDapr.Sidecar")], env);
        _processes.Add(launcher);
        _launcher = launcher;

        var agent = TestProcess.StartDotnet("agent-sidecar",
            RepoPaths.Dll("tools/local-dapr/Sidecar", "LocalDapr.Sidecar"),
            ["--app-id", "agent", "--dapr-http-port", Str(ports.AgentHttp), "--dapr-grpc-port", Str(ports.AgentGrpc),
             "--resources-path", Path.Combine(_workDir, "components")],
            // AIPROVIDER_API_KEY: the key its conversation component (components/conversation.yaml) presents.
            new Dictionary<string, string> { ["LOCALDAPR_REGISTRY_REDIS"] = _redis.Address, ["AIPROVIDER_API_KEY"] = BootstrapKey });
        _processes.Add(agent);

        RouterUrl = new Uri($"http://127.0.0.1:{ports.Router}");
        AgentSidecarUrl = new Uri($"http://127.0.0.1:{ports.AgentHttp}");
        if (simulator is not null)
        {
            await simulator.WaitForHttpAsync(new Uri(SimulatorUrl, "/_sim/faults").ToString(), TimeSpan.FromSeconds(60));
        }
        await launcher.WaitForHttpAsync(new Uri(RouterUrl, "/readyz").ToString(), TimeSpan.FromSeconds(120));
        await agent.WaitForHttpAsync(new Uri(AgentSidecarUrl, "/v1.0/healthz/outbound").ToString(), TimeSpan.FromSeconds(60));

        Client = new HttpClient { BaseAddress = RouterUrl, Timeout = TimeSpan.FromSeconds(60) };
        Client.DefaultRequestHeaders.Authorization = new("Bearer", BootstrapKey);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            await _processes[i].DisposeAsync();
        }
        await Ledger.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
        try { Directory.Delete(_workDir, recursive: true); } catch (IOException) { }
    }

    private static string Str(int port) => port.ToString(CultureInfo.InvariantCulture);
}
