using System.Net.Http.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Quota.Api;
using Dapr.AiProvider.Quota.Tests.Infrastructure;

namespace Dapr.AiProvider.Quota.Tests.Ingestion;

/// <summary>
/// Issue 19 item 7: a failed request's row keeps its error class, the gateway's error code and the provider
/// and model of its last attempt, and analytics counts every row outside 2xx as an error (a 404 or 503
/// without a class used to count as a success).
/// </summary>
[Trait("Category", "Process")]
public sealed class LedgerErrorTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private QuotaAppSession _app = null!;

    public async Task InitializeAsync() => _app = await QuotaAppSession.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task PostAsync(params Contracts.Usage.UsageRecorded[] events)
    {
        foreach (var usage in events)
        {
            Assert.Equal("SUCCESS", await CloudEvents.StatusAsync(await _app.Client.PostAsync("/usage", CloudEvents.Envelope(usage))));
        }
    }

    private Task<string> RowAsync(string requestId) => Sql.ScalarAsync<string>(_app.ConnectionString,
        "SELECT concat_ws('|', status, coalesce(error_class, '-'), coalesce(error_code, '-'), coalesce(provider, '-'), coalesce(model, '-')) " +
        $"FROM usage_metrics WHERE request_id = '{requestId}'");

    [Fact]
    public async Task PostUsage_FailedRequests_RowKeepsClassCodeAndLastAttempt()
    {
        await PostAsync(
            CloudEvents.Usage("creds", "anthropic", "claude-3-5-haiku-latest") with
            {
                Status = 503, ErrorClass = ErrorClass.KeyInvalid, ErrorCode = "all_providers_failed", Attempts = 2,
            },
            CloudEvents.Usage("unknown-model") with
            {
                Provider = null, Model = null, Status = 404, ErrorClass = ErrorClass.ModelNotFound, ErrorCode = "model_not_found", Attempts = 0,
            });

        Assert.Equal("503|key_invalid|all_providers_failed|anthropic|claude-3-5-haiku-latest", await RowAsync("creds"));
        Assert.Equal("404|model_not_found|model_not_found|-|-", await RowAsync("unknown-model"));
    }

    [Theory]
    [InlineData("Budget Exceeded")]
    [InlineData("org-1234: rejected")]
    [InlineData("a_very_long_code_that_goes_on_and_on_and_on_and_on_and_on_past_sixty_four")]
    public async Task PostUsage_ErrorCodeNotAGatewayCode_StoredAsOther(string code)
    {
        await PostAsync(CloudEvents.Usage("odd-code") with { Status = 502, ErrorCode = code });

        Assert.Equal("502|-|other|openai|gpt-4o-mini", await RowAsync("odd-code"));
    }

    [Fact]
    public async Task GetUsage_EveryRowOutside2xx_CountedAsError()
    {
        await PostAsync(
            CloudEvents.Usage("ok", occurredAt: At),
            CloudEvents.Usage("not-found-no-class", occurredAt: At) with { Status = 404 },
            CloudEvents.Usage("unavailable-no-class", occurredAt: At) with { Status = 503 },
            CloudEvents.Usage("stream-cut", occurredAt: At) with { Status = 200, ErrorClass = ErrorClass.StreamInterrupted },
            CloudEvents.Usage("rate-limited", occurredAt: At.AddMinutes(90)) with { Status = 429, ErrorClass = ErrorClass.RateLimited },
            CloudEvents.Usage("status-not-reported", occurredAt: At) with { Status = 0 });

        // 09:30–12:30: whole hours 10 and 11 come from the rollups, the edges from the ledger.
        var byProvider = await _app.Client.GetFromJsonAsync<UsageReport>(
            "/quota/usage?from=2026-11-20T09:30:00Z&to=2026-11-20T12:30:00Z&groupBy=provider");
        var byKey = await _app.Client.GetFromJsonAsync<UsageReport>(
            "/quota/usage?from=2026-11-20T09:30:00Z&to=2026-11-20T12:30:00Z&groupBy=key");

        var openai = Assert.Single(byProvider!.Buckets);
        Assert.Equal(6, openai.Requests);
        Assert.Equal(4, openai.Errors);
        Assert.Equal(4, Assert.Single(byKey!.Buckets).Errors);
    }

    [Fact]
    public async Task RebuildUsageRollups_RowsWrittenAround_CountFailuresByStatus()
    {
        await Sql.ScalarAsync<int>(_app.ConnectionString, """
            INSERT INTO usage_metrics (request_id, occurred_at, task_type, provider, status, error_class)
            VALUES ('bulk-ok', '2026-11-21T10:00:00Z', 'chat', 'gemini', 200, NULL),
                   ('bulk-503', '2026-11-21T10:05:00Z', 'chat', 'gemini', 503, NULL),
                   ('bulk-cut', '2026-11-21T10:06:00Z', 'chat', 'gemini', 200, 'stream_interrupted');
            SELECT 1 FROM rebuild_usage_rollups()
            """);

        Assert.Equal(2L, await Sql.ScalarAsync<long>(_app.ConnectionString, "SELECT errors FROM usage_hourly WHERE provider = 'gemini'"));
        Assert.Equal(2L, await Sql.ScalarAsync<long>(_app.ConnectionString,
            "SELECT errors FROM usage_daily_key WHERE day = '2026-11-21'"));
    }
}
