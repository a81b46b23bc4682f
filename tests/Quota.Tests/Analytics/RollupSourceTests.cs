using Dapr.AiProvider.Quota.Api;

namespace Dapr.AiProvider.Quota.Tests.Analytics;

public sealed class RollupSourceTests
{
    private static DateTime At(string text) => DateTime.Parse(text, null, System.Globalization.DateTimeStyles.AdjustToUniversal);

    [Theory]
    [InlineData("2026-11-02T10:05:00Z", "2026-11-02T13:30:00Z", "2026-11-02T11:00:00Z", "2026-11-02T13:00:00Z")]
    [InlineData("2026-11-02T10:00:00Z", "2026-11-02T13:00:00Z", "2026-11-02T10:00:00Z", "2026-11-02T13:00:00Z")]
    [InlineData("2026-11-02T10:00:00Z", "2026-11-02T10:30:00Z", "2026-11-02T10:00:00Z", "2026-11-02T10:00:00Z")]
    public void Inner_Hourly_WholeHoursInsideTheRange(string from, string to, string innerFrom, string innerTo)
    {
        var (start, end) = RollupSource.Hourly.Inner(At(from), At(to));

        Assert.Equal((At(innerFrom), At(innerTo)), (start, end));
    }

    [Fact]
    public void Inner_NoWholeHour_EmptyAtTheEndSoTheHeadEdgeIsTheWholeRange()
    {
        var (start, end) = RollupSource.Hourly.Inner(At("2026-11-02T10:05:00Z"), At("2026-11-02T10:55:00Z"));

        Assert.Equal((At("2026-11-02T10:55:00Z"), At("2026-11-02T10:55:00Z")), (start, end));
    }

    [Fact]
    public void Inner_Daily_WholeUtcDays()
    {
        var (start, end) = RollupSource.DailyByKey.Inner(At("2026-11-01T05:00:00Z"), At("2026-11-04T01:00:00Z"));

        Assert.Equal((At("2026-11-02T00:00:00Z"), At("2026-11-04T00:00:00Z")), (start, end));
    }
}
