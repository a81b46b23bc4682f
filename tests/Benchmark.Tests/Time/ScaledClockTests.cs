using Dapr.AiProvider.ServiceDefaults.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Dapr.AiProvider.Benchmark.Tests.Time;

/// <summary>The accelerated clock every process of a free-day stack shares (<c>Clock__*</c>).</summary>
public sealed class ScaledClockTests
{
    private static readonly DateTimeOffset RealStart = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Midnight = new(2026, 12, 8, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void GetUtcNow_AtScale144_ADayPassesInTenRealMinutes()
    {
        var real = new FakeTimeProvider(RealStart);
        var clock = new ScaledClock(144, RealStart, Midnight, real);

        Assert.Equal(Midnight, clock.GetUtcNow());
        real.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(Midnight.AddHours(12), clock.GetUtcNow());
        real.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(Midnight.AddDays(1), clock.GetUtcNow());
    }

    [Theory]
    [InlineData(144, 86_400, 600)] // a day-long cache entry lives 10 real minutes in the full free-day
    [InlineData(720, 3_600, 5)]
    [InlineData(720, 60, 1)] // never below Redis's one second
    public void RealSeconds_ScaledClock_DividesTheTtlByTheScale(double scale, int seconds, int real)
    {
        Assert.Equal(real, ScaledClock.RealSeconds(new ScaledClock(scale, RealStart, Midnight), seconds));
        Assert.Equal(seconds, ScaledClock.RealSeconds(TimeProvider.System, seconds)); // the real clock: unchanged
    }

    [Fact]
    public void GetUtcNow_BeforeRealStart_ShowsThePreviousDayStillRunning()
    {
        var real = new FakeTimeProvider(RealStart - TimeSpan.FromSeconds(10));
        var clock = new ScaledClock(144, RealStart, Midnight, real);

        Assert.Equal(Midnight - TimeSpan.FromSeconds(1440), clock.GetUtcNow());
    }

    [Fact]
    public void Timestamps_StayReal_SoLatenciesAndTimeoutsAreNotScaled()
    {
        var clock = new ScaledClock(720, RealStart, Midnight);

        Assert.Equal(TimeProvider.System.TimestampFrequency, clock.TimestampFrequency);
        var before = TimeProvider.System.GetTimestamp();
        var stamp = clock.GetTimestamp();
        Assert.InRange(stamp - before, 0, TimeProvider.System.TimestampFrequency); // the same counter, not 720 times faster
    }

    [Fact]
    public void FromConfiguration_NoScale_IsTheSystemClock()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([]).Build();

        Assert.Same(TimeProvider.System, ScaledClock.FromConfiguration(configuration));
    }

    [Fact]
    public void FromConfiguration_AllThreeSettings_BuildsTheSharedClock()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Clock:Scale"] = "288",
            ["Clock:RealStart"] = "2026-12-07T06:00:00.0000000+00:00",
            ["Clock:StartsAt"] = "2026-12-08T00:00:00Z",
        }).Build();

        var clock = Assert.IsType<ScaledClock>(ScaledClock.FromConfiguration(configuration));

        Assert.Equal((288d, RealStart, Midnight), (clock.Scale, clock.RealStart, clock.StartsAt));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    [InlineData(double.NaN)]
    public void Constructor_ScaleNotPositive_Refused(double scale) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScaledClock(scale, RealStart, Midnight));
}
