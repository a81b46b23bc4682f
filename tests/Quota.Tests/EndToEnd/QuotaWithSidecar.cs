using System.Globalization;
using System.Net;
using Dapr.AiProvider.Quota.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;
using Npgsql;

namespace Dapr.AiProvider.Quota.Tests.EndToEnd;

/// <summary>
/// Real processes: a private redis-server, the quota service (Release build) and the local Dapr sidecar
/// (app id <c>quota</c>) with state/pubsub on that Redis and a file secret store holding the ledger
/// connection string, so the quota service reads it through the sidecar as in the local run. The
/// connection string points at a <see cref="TcpProxy"/> so a test can take PostgreSQL away; the pubsub
/// component has an inbound retry policy and the usage subscription a dead-letter topic (as in DESIGN §3).
/// </summary>
public sealed class QuotaWithSidecar : IAsyncLifetime
{
    private string _directory = "";
    private TestProcess? _quota;
    private TestProcess? _sidecar;

    public RedisServer Redis { get; private set; } = null!;
    public TcpProxy Postgres { get; private set; } = null!;
    public PostgresDatabase Database { get; private set; } = null!;
    public int SidecarHttpPort { get; } = FreePort.Next();
    public int SidecarGrpcPort { get; } = FreePort.Next();
    public int AppPort { get; } = FreePort.Next();
    public string SidecarHttp => $"http://127.0.0.1:{SidecarHttpPort}";
    public string SidecarGrpc => $"http://127.0.0.1:{SidecarGrpcPort}";
    public string QuotaOutput => _quota?.Output ?? "";
    public string Output => $"--- quota ---\n{_quota?.Output}\n--- sidecar ---\n{_sidecar?.Output}";

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Database = await PostgresDatabase.CreateAsync();
        var server = new NpgsqlConnectionStringBuilder(Database.ConnectionString);
        Postgres = new TcpProxy(new IPEndPoint(IPAddress.Loopback, server.Port));
        Postgres.Start();
        _directory = Path.Combine(Path.GetTempPath(), "quota-e2e-" + Guid.NewGuid().ToString("N"));
        WriteResources();

        _quota = TestProcess.StartDotnet("quota", RepoPaths.Dll("services/quota", "Dapr.AiProvider.Quota"),
            ["--urls", $"http://127.0.0.1:{AppPort}"],
            new Dictionary<string, string>
            {
                ["DAPR_HTTP_ENDPOINT"] = SidecarHttp,
                ["DAPR_GRPC_ENDPOINT"] = SidecarGrpc,
                ["APP_ID"] = "quota",
            });
        await _quota.WaitForHttpAsync($"http://127.0.0.1:{AppPort}/healthz", TimeSpan.FromSeconds(30));

        _sidecar = TestProcess.StartDotnet("sidecar", RepoPaths.Dll("tools/local-dapr/Sidecar", "LocalDapr.Sidecar"),
            ["--app-id", "quota", "--app-port", AppPort.ToString(CultureInfo.InvariantCulture),
             "--dapr-http-port", SidecarHttpPort.ToString(CultureInfo.InvariantCulture),
             "--dapr-grpc-port", SidecarGrpcPort.ToString(CultureInfo.InvariantCulture),
             "--resources-path", Path.Combine(_directory, "resources")]);
        await _sidecar.WaitForHttpAsync($"{SidecarHttp}/v1.0/healthz/outbound", TimeSpan.FromSeconds(30));
        // Ready once the ledger (secret via the sidecar, migrations) and the sidecar both answer.
        await _quota.WaitForHttpAsync($"http://127.0.0.1:{AppPort}/readyz", TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        if (_sidecar is not null) { await _sidecar.DisposeAsync(); }
        if (_quota is not null) { await _quota.DisposeAsync(); }
        await Postgres.DisposeAsync();
        await Database.DisposeAsync();
        await Redis.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private void WriteResources()
    {
        var resources = Path.Combine(_directory, "resources");
        Directory.CreateDirectory(resources);
        var secrets = Path.Combine(_directory, "secrets.json");
        File.WriteAllText(secrets, System.Text.Json.JsonSerializer.Serialize(
            new Dictionary<string, string> { ["ledger-connection-string"] = ViaProxy() }));
        File.WriteAllText(Path.Combine(resources, "resiliency.yaml"), ResiliencyYaml);
        File.WriteAllText(Path.Combine(resources, "statestore.yaml"), Component("statestore", "state.redis",
            ("redisHost", Redis.Address), ("actorStateStore", "\"true\"")));
        File.WriteAllText(Path.Combine(resources, "pubsub.yaml"), Component("pubsub", "pubsub.redis", ("redisHost", Redis.Address)));
        File.WriteAllText(Path.Combine(resources, "secretstore.yaml"), Component("secretstore", "secretstores.local.file",
            ("secretsFile", secrets)));
    }

    private string ViaProxy() => new NpgsqlConnectionStringBuilder(Database.ConnectionString)
    {
        Host = "127.0.0.1", Port = Postgres.Port, Timeout = 2,
    }.ConnectionString;

    private const string ResiliencyYaml = """
        apiVersion: dapr.io/v1alpha1
        kind: Resiliency
        metadata:
          name: quota-test-resiliency
        spec:
          policies:
            timeouts:
              deliver: 10s
            retries:
              usageDelivery:
                policy: constant
                duration: 500ms
                maxRetries: 120
          targets:
            components:
              pubsub:
                inbound:
                  timeout: deliver
                  retry: usageDelivery
        """;

    private static string Component(string name, string type, params (string Name, string Value)[] metadata) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: {type}
          version: v1
          metadata:
        {string.Concat(metadata.Select(m => $"  - name: {m.Name}\n    value: {m.Value}\n"))}
        """;
}
