using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Quota.Policy;

namespace Dapr.AiProvider.Quota.Tests.Policy;

public sealed class QuotaCalendarTests
{
    private const string Pacific = "America/Los_Angeles";

    private static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => new(y, mo, d, h, mi, s, TimeSpan.Zero);

    [Fact]
    public void WindowAt_DayInPacific_StartsAtLocalMidnight()
    {
        // 2026-03-01 06:59Z is 22:59 PST on Feb 28.
        var (start, end) = QuotaCalendar.WindowAt(QuotaPeriod.Day, Pacific, Utc(2026, 3, 1, 6, 59));

        Assert.Equal(Utc(2026, 2, 28, 8), start);
        Assert.Equal(Utc(2026, 3, 1, 8), end);
    }

    [Fact]
    public void WindowAt_DayOfSpringForward_Is23HoursLong()
    {
        // US DST starts 2026-03-08 02:00 local: midnight PST (08:00Z) to midnight PDT (07:00Z next day).
        var (start, end) = QuotaCalendar.WindowAt(QuotaPeriod.Day, Pacific, Utc(2026, 3, 8, 12));

        Assert.Equal(Utc(2026, 3, 8, 8), start);
        Assert.Equal(Utc(2026, 3, 9, 7), end);
        Assert.Equal(TimeSpan.FromHours(23), end - start);
    }

    [Fact]
    public void WindowAt_DayOfFallBack_Is25HoursLong()
    {
        // US DST ends 2026-11-01 02:00 local.
        var (start, end) = QuotaCalendar.WindowAt(QuotaPeriod.Day, Pacific, Utc(2026, 11, 1, 20));

        Assert.Equal(Utc(2026, 11, 1, 7), start);
        Assert.Equal(Utc(2026, 11, 2, 8), end);
        Assert.Equal(TimeSpan.FromHours(25), end - start);
    }

    [Fact]
    public void WindowAt_HourDuringRepeatedFallBackHour_IsOneHourLong()
    {
        // 09:30Z is the second 01:30 (PST) on 2026-11-01.
        var (start, end) = QuotaCalendar.WindowAt(QuotaPeriod.Hour, Pacific, Utc(2026, 11, 1, 9, 30));

        Assert.Equal(Utc(2026, 11, 1, 9), start);
        Assert.Equal(Utc(2026, 11, 1, 10), end);
    }

    [Fact]
    public void WindowAt_HourInHalfHourZone_FollowsLocalClock()
    {
        // India is UTC+05:30: local hours start at :30 UTC.
        var (start, end) = QuotaCalendar.WindowAt(QuotaPeriod.Hour, "Asia/Kolkata", Utc(2026, 6, 1, 10, 10));

        Assert.Equal(Utc(2026, 6, 1, 9, 30), start);
        Assert.Equal(Utc(2026, 6, 1, 10, 30), end);
    }

    [Fact]
    public void WindowAt_Minute_TruncatesSeconds()
    {
        var (start, end) = QuotaCalendar.WindowAt(QuotaPeriod.Minute, "UTC", Utc(2026, 6, 1, 10, 10, 59));

        Assert.Equal(Utc(2026, 6, 1, 10, 10), start);
        Assert.Equal(Utc(2026, 6, 1, 10, 11), end);
    }

    [Theory]
    [InlineData(2026, 1, 31, 2026, 2, 1)]   // January → February
    [InlineData(2026, 2, 28, 2026, 3, 1)]   // February (not leap) ends on the 28th
    [InlineData(2028, 2, 29, 2028, 3, 1)]   // leap year
    [InlineData(2026, 12, 31, 2027, 1, 1)]  // year end
    public void WindowAt_MonthOnLastDay_EndsOnFirstOfNextMonth(int y, int m, int d, int ny, int nm, int nd)
    {
        var (start, end) = QuotaCalendar.WindowAt(QuotaPeriod.Month, "UTC", Utc(y, m, d, 23, 59, 59));

        Assert.Equal(Utc(y, m, 1), start);
        Assert.Equal(Utc(ny, nm, nd), end);
    }

    [Fact]
    public void WindowAt_MonthAcrossDstInPacific_StartsAndEndsAtLocalMidnight()
    {
        var (start, end) = QuotaCalendar.WindowAt(QuotaPeriod.Month, Pacific, Utc(2026, 3, 15));

        Assert.Equal(Utc(2026, 3, 1, 8), start);   // PST
        Assert.Equal(Utc(2026, 4, 1, 7), end);     // PDT
    }

    [Fact]
    public void WindowAt_WeekOnSunday_StartsPreviousMonday()
    {
        var (start, end) = QuotaCalendar.WindowAt(QuotaPeriod.Week, "UTC", Utc(2026, 11, 29, 18)); // a Sunday

        Assert.Equal(Utc(2026, 11, 23), start);
        Assert.Equal(DayOfWeek.Monday, start.DayOfWeek);
        Assert.Equal(Utc(2026, 11, 30), end);
    }

    [Fact]
    public void ToInstant_MidnightInsideDstGap_FirstInstantAfterGap()
    {
        // America/Havana springs forward at midnight: 2026-03-08 00:00 does not exist locally.
        Assert.True(QuotaCalendar.TryFindZone("America/Havana", out var havana));
        var local = new DateTime(2026, 3, 8, 0, 0, 0, DateTimeKind.Unspecified);

        var instant = QuotaCalendar.ToInstant(local, havana);

        Assert.False(havana.IsInvalidTime(TimeZoneInfo.ConvertTime(instant, havana).DateTime));
        Assert.Equal(Utc(2026, 3, 8, 5), instant); // 01:00 CDT (UTC-4)
    }

    [Fact]
    public void WindowAt_UnknownZone_Throws()
    {
        Assert.Throws<ArgumentException>(() => QuotaCalendar.WindowAt(QuotaPeriod.Day, "Mars/Olympus", Utc(2026, 1, 1)));
    }
}
