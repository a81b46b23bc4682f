using System.Net;
using Dapr.AiProvider.Quota.Data;
using Dapr.AiProvider.Quota.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Dapr.AiProvider.Quota.Tests.Ingestion;

/// <summary>PostgreSQL made unreachable through a TCP relay in front of the real server.</summary>
[Trait("Category", "Process")]
public sealed class PostgresOutageTests : IAsyncLifetime
{
    private PostgresDatabase _db = null!;
    private TcpProxy _proxy = null!;
    private QuotaAppFactory _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _db = await PostgresDatabase.CreateAsync();
        var server = new NpgsqlConnectionStringBuilder(_db.ConnectionString);
        _proxy = new TcpProxy(new IPEndPoint(IPAddress.Loopback, server.Port));
        _proxy.Start();
        var viaProxy = new NpgsqlConnectionStringBuilder(_db.ConnectionString)
        {
            Host = "127.0.0.1", Port = _proxy.Port, Timeout = 2, Pooling = true,
        };
        _factory = new QuotaAppFactory(viaProxy.ConnectionString);
        _client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _proxy.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task PostUsage_PostgresDownThenBack_AnswersRetryThenStoresOnce()
    {
        Assert.Equal("SUCCESS", await CloudEvents.StatusAsync(await _client.PostAsync("/usage", CloudEvents.Envelope(CloudEvents.Usage("before-outage")))));
        var during = CloudEvents.Usage("during-outage");

        _proxy.Stop();
        var whileDown = await CloudEvents.StatusAsync(await _client.PostAsync("/usage", CloudEvents.Envelope(during)));
        _proxy.Start();
        var redelivered = await RedeliverUntilSuccessAsync(during);

        Assert.Equal("RETRY", whileDown);
        Assert.True(redelivered);
        Assert.Equal(2, await Sql.ScalarAsync<int>(_db.ConnectionString, "SELECT count(*) FROM usage_metrics"));
        Assert.Equal(1, await Sql.ScalarAsync<int>(_db.ConnectionString, "SELECT count(*) FROM usage_metrics WHERE request_id = 'during-outage'"));
    }

    [Fact]
    public async Task LedgerHealthCheck_PostgresDown_UnhealthyUntilBack()
    {
        var check = ActivatorUtilities.CreateInstance<LedgerHealthCheck>(_factory.Services);
        var context = new HealthCheckContext();

        var up = await check.CheckHealthAsync(context);
        _proxy.Stop();
        var down = await check.CheckHealthAsync(context);
        _proxy.Start();
        var back = await check.CheckHealthAsync(context);

        Assert.Equal(HealthStatus.Healthy, up.Status);
        Assert.Equal(HealthStatus.Unhealthy, down.Status);
        Assert.Equal(HealthStatus.Healthy, back.Status);
    }

    [Fact]
    public async Task GetCacheHitRate_PostgresDown_Returns503Problem()
    {
        _proxy.Stop();
        var response = await _client.GetAsync("/quota/cache-hit-rate");
        _proxy.Start();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Npgsql", await response.Content.ReadAsStringAsync());
    }

    /// <summary>What the sidecar's inbound retry policy does: deliver again until SUCCESS (bounded).</summary>
    private async Task<bool> RedeliverUntilSuccessAsync(Contracts.Usage.UsageRecorded usage)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var status = await CloudEvents.StatusAsync(await _client.PostAsync("/usage", CloudEvents.Envelope(usage)));
            if (status == "SUCCESS")
            {
                return true;
            }
            await Task.Delay(250);
        }
        return false;
    }
}
