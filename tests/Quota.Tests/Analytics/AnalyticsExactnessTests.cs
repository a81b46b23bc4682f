using System.Net.Http.Json;
using Dapr.AiProvider.Quota.Api;

namespace Dapr.AiProvider.Quota.Tests.Analytics;

/// <summary>
/// The analytics API (rollups for whole hours/days, the ledger for the edges) answers exactly what a scan
/// of the ledger rows gives, for ranges on and off the hour and day boundaries.
/// </summary>
[Trait("Category", "Process")]
public sealed class AnalyticsExactnessTests(AnalyticsLedgerFixture ledger) : IClassFixture<AnalyticsLedgerFixture>
{
    public static readonly TheoryData<string, string> Ranges = new()
    {
        { "2026-11-01T00:00:00Z", "2026-11-04T00:00:00Z" },      // whole days
        { "2026-11-01T05:17:23.5Z", "2026-11-03T19:42:10Z" },    // partial first and last day and hour
        { "2026-11-02T10:05:00Z", "2026-11-02T10:55:00Z" },      // inside one hour
        { "2026-11-02T10:05:00Z", "2026-11-02T11:30:00Z" },      // across one hour boundary
        { "2026-11-01T22:30:00Z", "2026-11-02T01:15:00Z" },      // across midnight, less than a day
        { "2026-10-31T12:00:00Z", "2026-11-02T00:00:00Z" },      // starts before the first event
    };

    public static TheoryData<string, string, string> RangesByGroup()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var groupBy in AnalyticsLedgerFixture.LedgerExpressions.Keys)
        {
            foreach (var range in Ranges)
            {
                data.Add(groupBy, (string)range[0], (string)range[1]);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RangesByGroup))]
    public async Task GetUsage_AnyRange_EqualsLedgerScan(string groupBy, string from, string to)
    {
        var report = await ledger.App.Client.GetFromJsonAsync<UsageReport>($"/quota/usage?groupBy={groupBy}&from={from}&to={to}");

        var expected = await ledger.LedgerUsageAsync(groupBy, DateTimeOffset.Parse(from), DateTimeOffset.Parse(to));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, report!.Buckets);
    }

    [Theory]
    [MemberData(nameof(Ranges))]
    public async Task GetTopConsumers_AnyRange_EqualsLedgerScan(string from, string to)
    {
        var report = await ledger.App.Client.GetFromJsonAsync<TopConsumersReport>($"/quota/top-consumers?limit=3&from={from}&to={to}");

        Assert.Equal(await ledger.LedgerTopConsumersAsync(DateTimeOffset.Parse(from), DateTimeOffset.Parse(to), 3), report!.Consumers);
    }

    [Theory]
    [MemberData(nameof(Ranges))]
    public async Task GetCacheHitRate_AnyRange_EqualsLedgerScan(string from, string to)
    {
        var rate = await ledger.App.Client.GetFromJsonAsync<CacheHitRate>($"/quota/cache-hit-rate?from={from}&to={to}");

        var buckets = await ledger.LedgerUsageAsync("task_type", DateTimeOffset.Parse(from), DateTimeOffset.Parse(to));
        Assert.Equal(buckets.Sum(b => b.Requests), rate!.Requests);
        Assert.Equal(buckets.Sum(b => b.CacheHits), rate.CacheHits);
    }
}
