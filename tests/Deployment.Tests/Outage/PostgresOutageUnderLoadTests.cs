using System.Globalization;
using System.Net;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Contracts.Usage;
using Dapr.AiProvider.Deployment.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;
using Dapr.Client;
using Npgsql;

namespace Dapr.AiProvider.Deployment.Tests.Outage;

/// <summary>
/// PostgreSQL down under a steady stream of usage events, through the real mechanism: quota (Release build) behind
/// the local sidecar, whose Redis Streams consumer, inbound retries, dead-letter topic and reclaim loop model daprd
/// and components-contrib. The configuration follows the rules checked for components/ and k8s/ (PubSubRulesTests):
/// the inbound retry never gives up, and processingTimeout — here much shorter than the outage — ends each delivery,
/// so events still unwritten at their deadline go through the dead-letter topic (daprd ≥ 1.18) and through reclaims,
/// and may be delivered again while an earlier delivery runs. Afterwards every event is in the ledger exactly once
/// and the rollups count each once. The outage lasts AIPROVIDER_OUTAGE_SECONDS (two minutes when set to 120; 30 s by
/// default to keep the suite short).
/// </summary>
[Trait("Category", "Process")]
public sealed class PostgresOutageUnderLoadTests : IAsyncLifetime
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(int.Parse(
        Environment.GetEnvironmentVariable("AIPROVIDER_OUTAGE_SECONDS") ?? "30", CultureInfo.InvariantCulture));
    private const int EventsPerSecond = 20;

    private readonly string _directory = Directory.CreateTempSubdirectory("outage-under-load").FullName;
    private readonly int _quotaPort = FreePort.Next();
    private readonly int _sidecarHttp = FreePort.Next();
    private readonly int _sidecarGrpc = FreePort.Next();
    private RedisServer _redis = null!;
    private PostgresDatabase _database = null!;
    private TcpRelay _postgres = null!;
    private DeliveryRecorder _recorder = null!;
    private TestProcess? _quota;
    private TestProcess? _sidecar;

    [Fact]
    public async Task PostgresDown_UnderLoad_EveryEventWrittenOnce_ThroughDeadlinesDeadLettersAndReclaims()
    {
        using var dapr = new DaprClientBuilder().UseHttpEndpoint($"http://127.0.0.1:{_sidecarHttp}").UseGrpcEndpoint($"http://127.0.0.1:{_sidecarGrpc}").Build();
        var batch = "outage-" + Guid.NewGuid().ToString("N")[..8];
        var published = 0;

        for (; published < EventsPerSecond; published++)
        {
            await dapr.PublishEventAsync(DaprNames.PubSub, DaprNames.Topics.Usage, Usage($"{batch}-{published}"));
        }
        _postgres.Stop();
        try
        {
            var end = DateTimeOffset.UtcNow + Outage;
            while (DateTimeOffset.UtcNow < end)
            {
                for (var i = 0; i < EventsPerSecond; i++, published++)
                {
                    await dapr.PublishEventAsync(DaprNames.PubSub, DaprNames.Topics.Usage, Usage($"{batch}-{published}"));
                }
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
        finally
        {
            _postgres.Start();
        }
        await WaitForLedgerAsync(batch, published);

        Assert.Equal(published, await CountAsync($"request_id LIKE '{batch}-%'"));
        Assert.Equal(published, await RollupRequestsAsync());
        Assert.Contains(_recorder.Deliveries, d => d.Status == "RETRY"); // the outage was seen by the handler
        // Deliveries still retrying at processingTimeout went to the dead-letter topic, which quota stores flagged.
        Assert.Contains(_recorder.Deliveries, d => d.Route == "/usage-deadletter");
        Assert.True(await CountAsync($"request_id LIKE '{batch}-%' AND dead_letter") > 0);
    }

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _database = await PostgresDatabase.CreateAsync();
        var server = new NpgsqlConnectionStringBuilder(_database.ConnectionString);
        _postgres = new TcpRelay(new IPEndPoint(IPAddress.Loopback, server.Port));
        _postgres.Start();
        _recorder = new DeliveryRecorder(_quotaPort);
        await _recorder.StartAsync();
        WriteResources(new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Host = "127.0.0.1", Port = _postgres.Port, Timeout = 2 }.ConnectionString);

        _quota = TestProcess.StartDotnet("quota", TestInfrastructure.RepoPaths.Dll("services/quota", "Dapr.AiProvider.Quota"),
            ["--urls", $"http://127.0.0.1:{_quotaPort}"],
            new Dictionary<string, string>
            {
                ["DAPR_HTTP_ENDPOINT"] = $"http://127.0.0.1:{_sidecarHttp}",
                ["DAPR_GRPC_ENDPOINT"] = $"http://127.0.0.1:{_sidecarGrpc}",
            });
        _sidecar = TestProcess.StartDotnet("sidecar", TestInfrastructure.RepoPaths.Dll("tools/local-dapr/Sidecar", "LocalDapr.Sidecar"),
            ["--app-id", "quota", "--app-port", _recorder.Port.ToString(CultureInfo.InvariantCulture),
             "--dapr-http-port", _sidecarHttp.ToString(CultureInfo.InvariantCulture),
             "--dapr-grpc-port", _sidecarGrpc.ToString(CultureInfo.InvariantCulture),
             "--resources-path", Path.Combine(_directory, "resources")]);
        await _sidecar.WaitForHttpAsync($"http://127.0.0.1:{_sidecarHttp}/v1.0/healthz/outbound", TimeSpan.FromSeconds(60));
        await _quota.WaitForHttpAsync($"http://127.0.0.1:{_quotaPort}/readyz", TimeSpan.FromSeconds(90));
        await _sidecar.WaitForHttpAsync($"http://127.0.0.1:{_sidecarHttp}/v1.0/healthz", TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        if (_sidecar is not null) { await _sidecar.DisposeAsync(); }
        if (_quota is not null) { await _quota.DisposeAsync(); }
        await _recorder.DisposeAsync();
        await _postgres.DisposeAsync();
        await _database.DisposeAsync();
        await _redis.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    /// <summary>A delivery's deadline, a fraction of the outage: each event meets it several times while PostgreSQL is down.</summary>
    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromSeconds(10);

    /// <summary>As components/resiliency.yaml's usageDelivery: retried for ever, each attempt bounded.</summary>
    private const string ResiliencyYaml = """
        apiVersion: dapr.io/v1alpha1
        kind: Resiliency
        metadata:
          name: outage-resiliency
        spec:
          policies:
            timeouts:
              usageAttempt: 2s
            retries:
              usageDelivery:
                policy: constant
                duration: 500ms
                maxRetries: -1
          targets:
            components:
              pubsub:
                inbound:
                  timeout: usageAttempt
                  retry: usageDelivery
        """;

    private void WriteResources(string ledger)
    {
        var resources = Path.Combine(_directory, "resources");
        Directory.CreateDirectory(resources);
        var secrets = Path.Combine(_directory, "secrets.json");
        File.WriteAllText(secrets, System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["ledger-connection-string"] = ledger,
            ["api-key-pepper"] = "outage-test-pepper-0123456789abcdef",
        }));
        File.WriteAllText(Path.Combine(resources, "resiliency.yaml"), ResiliencyYaml);
        File.WriteAllText(Path.Combine(resources, "components.yaml"), $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata: {"{"} name: statestore {"}"}
            spec:
              type: state.redis
              version: v1
              metadata:
                - {"{"} name: redisHost, value: "{_redis.Address}" {"}"}
                - {"{"} name: actorStateStore, value: "true" {"}"}
            ---
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata: {"{"} name: pubsub {"}"}
            spec:
              type: pubsub.redis
              version: v1
              metadata:
                - {"{"} name: redisHost, value: "{_redis.Address}" {"}"}
                - {"{"} name: processingTimeout, value: {(int)ProcessingTimeout.TotalSeconds}s {"}"}
                - {"{"} name: redeliverInterval, value: 1s {"}"}
                - {"{"} name: concurrency, value: "8" {"}"}
                - {"{"} name: queueDepth, value: "8" {"}"}
            ---
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata: {"{"} name: secretstore {"}"}
            spec:
              type: secretstores.local.file
              version: v1
              metadata:
                - {"{"} name: secretsFile, value: "{secrets}" {"}"}
            """);
    }

    private static UsageRecorded Usage(string requestId) => new()
    {
        RequestId = requestId,
        OccurredAt = new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero),
        ApiKeyId = "key-1",
        Team = "platform",
        TaskType = "chat",
        Provider = "openai",
        Model = "gpt-4o-mini",
        Tokens = new TokenUsage { InputTokens = 100, OutputTokens = 20 },
        CostMicros = 1_000,
        LatencyMs = 300,
        Attempts = 1,
        Status = 200,
    };

    private async Task WaitForLedgerAsync(string batch, int expected)
    {
        // Not a timing assertion: the backlog drains as fast as this (shared, loaded) machine allows.
        var count = 0;
        for (var attempt = 0; attempt < 1500 && (count = await CountOnceMigratedAsync($"request_id LIKE '{batch}-%'")) < expected; attempt++)
        {
            await Task.Delay(200);
        }
        Assert.True(count >= expected, $"{count} of {expected} events in the ledger\n--- quota ---\n{_quota?.Output}\n--- sidecar ---\n{_sidecar?.Output}");
    }

    /// <summary>Requests the daily rollup counted for the test's key: a redelivered event must not count twice.</summary>
    private async Task<int> RollupRequestsAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(sum(requests), 0) FROM usage_daily_key WHERE api_key_id = 'key-1'", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Quota creates the ledger's tables on its first reach of PostgreSQL (LedgerStartupService, in the background): when
    /// the outage begins before that, the tables appear only once PostgreSQL is back, and until then there is nothing counted.
    /// </summary>
    private async Task<int> CountOnceMigratedAsync(string where)
    {
        try
        {
            return await CountAsync(where);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    private async Task<int> CountAsync(string where)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM usage_metrics WHERE " + where, connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
