using System.Net;
using System.Text.Json;
using Dapr.AiProvider.Quota.Tests.Infrastructure;

namespace Dapr.AiProvider.Quota.Tests.Keys;

[Trait("Category", "Process")]
public class KeyUsageTests
{
    [Fact]
    public async Task KeyUsage_OnlyThatKeysRows_ByDayProviderModel()
    {
        await using var session = await QuotaAppSession.StartAsync();
        var day = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);
        foreach (var usage in new[]
        {
            CloudEvents.Usage("m1", "openai", "gpt-4o-mini", 1_000, cacheHit: false, apiKeyId: "key-me", occurredAt: day),
            CloudEvents.Usage("m2", "openai", "gpt-4o-mini", 2_000, cacheHit: true, apiKeyId: "key-me", occurredAt: day.AddHours(1)),
            CloudEvents.Usage("o1", "openai", "gpt-4o-mini", 9_000, apiKeyId: "key-other", occurredAt: day),
        })
        {
            Assert.Equal("SUCCESS", await CloudEvents.StatusAsync(await session.Client.PostAsync("/usage", CloudEvents.Envelope(usage))));
        }

        JsonElement rows = default;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var response = await session.Client.GetAsync("/quota/keys/key-me/usage?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            rows = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("rows").Clone();
            if (rows.GetArrayLength() > 0 && rows[0].GetProperty("requests").GetInt64() == 2)
            {
                break;
            }
            await Task.Delay(100);
        }

        var row = Assert.Single(rows.EnumerateArray());
        Assert.Equal(2, row.GetProperty("requests").GetInt64());
        Assert.Equal(3_000, row.GetProperty("costMicros").GetInt64());
        Assert.Equal(1, row.GetProperty("cacheHits").GetInt64());
    }

    [Fact]
    public async Task KeyUsage_BadRange_Is422()
    {
        await using var session = await QuotaAppSession.StartAsync();

        using var response = await session.Client.GetAsync("/quota/keys/key-me/usage?from=yesterday");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }
}
