using System.Globalization;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.Router.Tests.EndToEnd;

/// <summary>
/// The real quota service (its <c>QuotaActor</c>s, Release build) behind its local sidecar, on a private Redis
/// (actor state, placement stand-in) and a PostgreSQL ledger database: what router replicas lease from.
/// </summary>
public sealed class QuotaActorsStack : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "router-tests", "quota-" + Guid.NewGuid().ToString("N"));
    private RedisServer _redis = null!;
    private PostgresDatabase _ledger = null!;
    private TestProcess? _quota;
    private TestProcess? _sidecar;

    public int AppPort { get; } = FreePort.Next();
    public int SidecarHttpPort { get; } = FreePort.Next();
    public int SidecarGrpcPort { get; } = FreePort.Next();
    public string SidecarHttp => $"http://127.0.0.1:{SidecarHttpPort}";
    public string Output => $"--- quota ---\n{_quota?.Output}\n--- sidecar ---\n{_sidecar?.Output}";

    /// <summary>The usage ledger quota writes (table <c>usage_metrics</c>).</summary>
    public string LedgerConnectionString => _ledger.ConnectionString;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _ledger = await PostgresDatabase.CreateAsync();
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(Path.Combine(_directory, "statestore.yaml"), Component("statestore", "state.redis", actorStore: true));
        // Redelivery within seconds (defaults 60 s / 15 s), so usage sent while quota was down reaches its ledger soon after.
        await File.WriteAllTextAsync(Path.Combine(_directory, "pubsub.yaml"), Component("pubsub", "pubsub.redis", actorStore: false)
            + "  - name: processingTimeout\n    value: 5s\n  - name: redeliverInterval\n    value: 1s\n");
        // As components/resiliency.yaml (usageDelivery): a delivery to a quota that is down is retried until written
        // (past processingTimeout through the dead-letter topic, which quota ingests too).
        await File.WriteAllTextAsync(Path.Combine(_directory, "resiliency.yaml"), """
            apiVersion: dapr.io/v1alpha1
            kind: Resiliency
            metadata:
              name: quota-stack
            spec:
              policies:
                retries:
                  usageDelivery:
                    policy: constant
                    duration: 500ms
                    maxRetries: -1
              targets:
                components:
                  pubsub:
                    inbound:
                      retry: usageDelivery
            """);

        await StartQuotaAsync();
        _sidecar = TestProcess.StartDotnet("sidecar quota", RepoPaths.Dll("tools/local-dapr/Sidecar", "LocalDapr.Sidecar"),
            ["--app-id", "quota", "--app-port", Str(AppPort), "--dapr-http-port", Str(SidecarHttpPort),
             "--dapr-grpc-port", Str(SidecarGrpcPort), "--resources-path", _directory]);
        await _sidecar.WaitForHttpAsync($"{SidecarHttp}/v1.0/healthz/outbound", TimeSpan.FromSeconds(30));
        await _quota!.WaitForHttpAsync($"http://127.0.0.1:{AppPort}/readyz", TimeSpan.FromSeconds(60));
    }

    /// <summary>SIGKILLs the quota app (its sidecar, Redis and the ledger stay up): what a crash looks like to the routers.</summary>
    public void KillQuota() => _quota?.Kill();

    /// <summary>Starts the quota app (again) on the same port; ready once it answers <c>/healthz</c>.</summary>
    public async Task StartQuotaAsync()
    {
        if (_quota is not null)
        {
            await _quota.DisposeAsync();
        }
        _quota = TestProcess.StartDotnet("quota", RepoPaths.Dll("services/quota", "Dapr.AiProvider.Quota"),
            ["--urls", $"http://127.0.0.1:{AppPort}"],
            new Dictionary<string, string>
            {
                ["DAPR_HTTP_ENDPOINT"] = SidecarHttp,
                ["DAPR_GRPC_ENDPOINT"] = $"http://127.0.0.1:{SidecarGrpcPort}",
                ["APP_ID"] = "quota",
                ["ConnectionStrings__Ledger"] = _ledger.ConnectionString,
            });
        await _quota.WaitForHttpAsync($"http://127.0.0.1:{AppPort}/healthz", TimeSpan.FromSeconds(30));
        if (_sidecar is not null)
        {
            await _quota.WaitForHttpAsync($"http://127.0.0.1:{AppPort}/readyz", TimeSpan.FromSeconds(60)); // a restart: its sidecar is up
        }
    }

    public async Task DisposeAsync()
    {
        if (_sidecar is not null) { await _sidecar.DisposeAsync(); }
        if (_quota is not null) { await _quota.DisposeAsync(); }
        await _ledger.DisposeAsync();
        await _redis.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private string Component(string name, string type, bool actorStore) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: {type}
          version: v1
          metadata:
          - name: redisHost
            value: {_redis.Address}
        {(actorStore ? "  - name: actorStateStore\n    value: \"true\"\n" : "")}
        """;

    private static string Str(int port) => port.ToString(CultureInfo.InvariantCulture);
}
