using System.Text.Json;
using Dapr.AiProvider.Quota.Tests.Infrastructure;

namespace Dapr.AiProvider.Quota.Tests.Ingestion;

[Trait("Category", "Process")]
public sealed class UsageIngestionTests : IAsyncLifetime
{
    private QuotaAppSession _app = null!;

    public async Task InitializeAsync()
    {
        _app = await QuotaAppSession.StartAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task PostUsage_SameEventTwice_StoresOneRow()
    {
        var usage = CloudEvents.Usage("req-dup-1");

        var first = await _app.Client.PostAsync("/usage", CloudEvents.Envelope(usage));
        var second = await _app.Client.PostAsync("/usage", CloudEvents.Envelope(usage));

        Assert.Equal("SUCCESS", await CloudEvents.StatusAsync(first));
        Assert.Equal("SUCCESS", await CloudEvents.StatusAsync(second));
        Assert.Equal(1, await Sql.ScalarAsync<int>(_app.ConnectionString, "SELECT count(*) FROM usage_metrics WHERE request_id = 'req-dup-1'"));
    }

    [Fact]
    public async Task PostUsage_ManyConcurrentWithRedeliveries_EveryRequestStoredOnce()
    {
        var events = Enumerable.Range(0, 200).Select(i => CloudEvents.Usage($"req-many-{i}")).ToList();
        var deliveries = events.Concat(events.Take(50)).Select(e => _app.Client.PostAsync("/usage", CloudEvents.Envelope(e)));

        var statuses = await Task.WhenAll((await Task.WhenAll(deliveries)).Select(CloudEvents.StatusAsync));

        Assert.All(statuses, s => Assert.Equal("SUCCESS", s));
        Assert.Equal(200, await Sql.ScalarAsync<int>(_app.ConnectionString, "SELECT count(*) FROM usage_metrics WHERE request_id LIKE 'req-many-%'"));
    }

    [Fact]
    public async Task PostUsage_Batch_StoresEachEventOnce_AndSkipsItsInvalidEvents()
    {
        var events = Enumerable.Range(0, 30).Select(i => CloudEvents.Usage($"req-batch-{i}")).ToList();
        string Batch(IEnumerable<Contracts.Usage.UsageRecorded> items) => JsonSerializer.Serialize(
            new Contracts.Usage.UsageBatch { Events = [.. items] }, Contracts.ContractsJsonContext.Default.UsageBatch);

        var first = await _app.Client.PostAsync("/usage", CloudEvents.Envelope(Batch(events.Take(20).Append(CloudEvents.Usage(" ")))));
        var overlapping = await _app.Client.PostAsync("/usage", CloudEvents.Envelope(Batch(events.Skip(10)))); // a redelivery plus new ones

        Assert.Equal("SUCCESS", await CloudEvents.StatusAsync(first));
        Assert.Equal("SUCCESS", await CloudEvents.StatusAsync(overlapping));
        Assert.Equal(30, await Sql.ScalarAsync<int>(_app.ConnectionString, "SELECT count(*) FROM usage_metrics WHERE request_id LIKE 'req-batch-%'"));
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

        await CloudEvents.StatusAsync(await _app.Client.PostAsync("/usage", CloudEvents.Envelope(usage)));

        var row = await Sql.ScalarAsync<string>(_app.ConnectionString, """
            SELECT concat_ws('|', provider, model, api_key_id, team, task_type, input_tokens, cached_input_tokens,
                output_tokens, reasoning_tokens, total_tokens, cost_micros, cache_hit, error_class, status, attempts, stream, dead_letter)
            FROM usage_metrics WHERE request_id = 'req-fields'
            """);
        Assert.Equal("openai|gpt-4o-mini|key-1|platform|chat|120|20|30|5|150|98765|t|quota_exhausted|429|3|t|f", row);
    }

    [Fact]
    public async Task PostDeadLetter_Event_StoresRowFlagged()
    {
        var response = await _app.Client.PostAsync("/usage-deadletter", CloudEvents.Envelope(CloudEvents.Usage("req-dlq"), "usage-deadletter"));

        Assert.Equal("SUCCESS", await CloudEvents.StatusAsync(response));
        Assert.True(await Sql.ScalarAsync<bool>(_app.ConnectionString, "SELECT dead_letter FROM usage_metrics WHERE request_id = 'req-dlq'"));
    }

    [Fact]
    public async Task PostUsage_OnlyRequestId_StoresRowWithDefaults()
    {
        var response = await _app.Client.PostAsync("/usage", CloudEvents.Envelope("{\"requestId\":\"req-minimal\"}"));

        Assert.Equal("SUCCESS", await CloudEvents.StatusAsync(response));
        Assert.Equal("chat|0|0", await Sql.ScalarAsync<string>(_app.ConnectionString,
            "SELECT concat_ws('|', task_type, total_tokens, cost_micros) FROM usage_metrics WHERE request_id = 'req-minimal'"));
    }

    [Theory]
    [InlineData("{\"requestId\":\"\",\"taskType\":\"chat\"}")]
    [InlineData("{\"requestId\":42}")]
    [InlineData("\"not an object\"")]
    public async Task PostUsage_MalformedEvent_AnswersDrop(string data)
    {
        var response = await _app.Client.PostAsync("/usage", CloudEvents.Envelope(data));

        Assert.Equal("DROP", await CloudEvents.StatusAsync(response));
    }

    [Fact]
    public async Task GetSubscribe_Always_ListsUsageWithDeadLetterTopicAndTheDeadLetterTopic()
    {
        var json = await _app.Client.GetStringAsync("/dapr/subscribe");

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
