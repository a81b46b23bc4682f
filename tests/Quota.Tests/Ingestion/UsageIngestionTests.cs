using System.Text.Json;
using Dapr.AiProvider.Quota.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.Quota.Tests.Ingestion;

public sealed class UsageIngestionTests : IAsyncLifetime
{
    private PostgresDatabase _db = null!;
    private QuotaAppFactory _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _db = await PostgresDatabase.CreateAsync();
        _factory = new QuotaAppFactory(_db.ConnectionString);
        _client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task PostUsage_SameEventTwice_StoresOneRow()
    {
        var usage = CloudEvents.Usage("req-dup-1");

        var first = await _client.PostAsync("/usage", CloudEvents.Envelope(usage));
        var second = await _client.PostAsync("/usage", CloudEvents.Envelope(usage));

        Assert.Equal("SUCCESS", await CloudEvents.StatusAsync(first));
        Assert.Equal("SUCCESS", await CloudEvents.StatusAsync(second));
        Assert.Equal(1, await Sql.ScalarAsync<int>(_db.ConnectionString, "SELECT count(*) FROM usage_metrics WHERE request_id = 'req-dup-1'"));
    }

    [Fact]
    public async Task PostUsage_ManyConcurrentWithRedeliveries_EveryRequestStoredOnce()
    {
        var events = Enumerable.Range(0, 200).Select(i => CloudEvents.Usage($"req-many-{i}")).ToList();
        var deliveries = events.Concat(events.Take(50)).Select(e => _client.PostAsync("/usage", CloudEvents.Envelope(e)));

        var statuses = await Task.WhenAll((await Task.WhenAll(deliveries)).Select(CloudEvents.StatusAsync));

        Assert.All(statuses, s => Assert.Equal("SUCCESS", s));
        Assert.Equal(200, await Sql.ScalarAsync<int>(_db.ConnectionString, "SELECT count(*) FROM usage_metrics WHERE request_id LIKE 'req-many-%'"));
    }

    [Fact]
    public async Task PostUsage_Event_StoresEveryField()
    {
        var usage = CloudEvents.Usage("req-fields", costMicros: 98_765, cacheHit: true) with
        {
            ErrorClass = Contracts.ErrorClass.QuotaExhausted,
            Status = 429,
            Attempts = 3,
            Stream = true,
        };

        await CloudEvents.StatusAsync(await _client.PostAsync("/usage", CloudEvents.Envelope(usage)));

        var row = await Sql.ScalarAsync<string>(_db.ConnectionString, """
            SELECT concat_ws('|', provider, model, api_key_id, team, task_type, input_tokens, cached_input_tokens,
                output_tokens, reasoning_tokens, total_tokens, cost_micros, cache_hit, error_class, status, attempts, stream, dead_letter)
            FROM usage_metrics WHERE request_id = 'req-fields'
            """);
        Assert.Equal("openai|gpt-4o-mini|key-1|platform|chat|120|20|30|5|150|98765|t|quota_exhausted|429|3|t|f", row);
    }

    [Fact]
    public async Task PostDeadLetter_Event_StoresRowFlagged()
    {
        var response = await _client.PostAsync("/usage-deadletter", CloudEvents.Envelope(CloudEvents.Usage("req-dlq"), "usage-deadletter"));

        Assert.Equal("SUCCESS", await CloudEvents.StatusAsync(response));
        Assert.True(await Sql.ScalarAsync<bool>(_db.ConnectionString, "SELECT dead_letter FROM usage_metrics WHERE request_id = 'req-dlq'"));
    }

    [Fact]
    public async Task PostUsage_OnlyRequestId_StoresRowWithDefaults()
    {
        var response = await _client.PostAsync("/usage", CloudEvents.Envelope("{\"requestId\":\"req-minimal\"}"));

        Assert.Equal("SUCCESS", await CloudEvents.StatusAsync(response));
        Assert.Equal("chat|0|0", await Sql.ScalarAsync<string>(_db.ConnectionString,
            "SELECT concat_ws('|', task_type, total_tokens, cost_micros) FROM usage_metrics WHERE request_id = 'req-minimal'"));
    }

    [Theory]
    [InlineData("{\"requestId\":\"\",\"taskType\":\"chat\"}")]
    [InlineData("{\"requestId\":42}")]
    [InlineData("\"not an object\"")]
    public async Task PostUsage_MalformedEvent_AnswersDrop(string data)
    {
        var response = await _client.PostAsync("/usage", CloudEvents.Envelope(data));

        Assert.Equal("DROP", await CloudEvents.StatusAsync(response));
    }

    [Fact]
    public async Task GetSubscribe_Always_ListsUsageWithDeadLetterTopicAndTheDeadLetterTopic()
    {
        var json = await _client.GetStringAsync("/dapr/subscribe");

        using var doc = JsonDocument.Parse(json);
        var subscriptions = doc.RootElement.EnumerateArray().ToList();
        var usage = Assert.Single(subscriptions, s => s.GetProperty("topic").GetString() == "usage");
        Assert.Equal("pubsub", usage.GetProperty("pubsubName").GetString());
        Assert.Equal("usage", usage.GetProperty("route").GetString());
        Assert.Equal("usage-deadletter", usage.GetProperty("deadLetterTopic").GetString());
        var deadLetter = Assert.Single(subscriptions, s => s.GetProperty("topic").GetString() == "usage-deadletter");
        Assert.Equal("usage-deadletter", deadLetter.GetProperty("route").GetString());
    }
}
