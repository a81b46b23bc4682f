using Dapr.AiProvider.LocalDapr.Sidecar.Actors;

namespace Dapr.AiProvider.LocalDapr.Tests.Actors;

/// <summary>The reminder/timer time formats daprd accepts.</summary>
public sealed class ActorDurationsTests
{
    [Theory]
    [InlineData("0h0m5s0ms", 5000)]
    [InlineData("5s", 5000)]
    [InlineData("1m30s", 90000)]
    [InlineData("PT5S", 5000)]
    [InlineData("P1DT1H", 90000000)]
    [InlineData("", 0)]
    public void TryParseDueTime_KnownFormats_ReturnsDelay(string text, long expectedMs)
    {
        Assert.True(ActorDurations.TryParseDueTime(text, DateTimeOffset.UtcNow, out var delay));
        Assert.Equal(expectedMs, (long)delay.TotalMilliseconds);
    }

    [Fact]
    public void TryParseDueTime_Rfc3339Instant_ReturnsTimeUntilThen()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.True(ActorDurations.TryParseDueTime("2026-01-01T00:00:10Z", now, out var delay));
        Assert.Equal(TimeSpan.FromSeconds(10), delay);
    }

    [Theory]
    [InlineData("R5/PT1M", 60000, 5)]
    [InlineData("0h1m0s0ms", 60000, null)]
    [InlineData("R2/10s", 10000, 2)]
    public void TryParsePeriod_WithAndWithoutRepetitions_ParsesBoth(string text, long periodMs, int? repetitions)
    {
        Assert.True(ActorDurations.TryParsePeriod(text, out var period, out var count));
        Assert.Equal(periodMs, (long)period!.Value.TotalMilliseconds);
        Assert.Equal(repetitions, count);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("R/PT1M")]
    [InlineData("5")]
    [InlineData("PT")]
    public void TryParsePeriod_Malformed_ReturnsFalse(string text)
    {
        Assert.False(ActorDurations.TryParsePeriod(text, out _, out _));
    }
}
