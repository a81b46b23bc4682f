using System.Collections.Concurrent;
using Dapr.AiProvider.Contracts.Quota;

namespace Dapr.AiProvider.Quota.Policy;

/// <summary>
/// Calendar windows in a rule's time zone: minute and hour windows follow the zone's clock, day, week
/// (ISO, Monday) and month windows start at local midnight, so a day is 23 or 25 hours long across
/// a DST change (e.g. Gemini's daily reset at midnight America/Los_Angeles).
/// </summary>
internal static class QuotaCalendar
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> Zones = new(StringComparer.Ordinal);

    public static bool TryFindZone(string id, out TimeZoneInfo zone)
    {
        var found = Zones.GetOrAdd(id, static key =>
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(key);
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                return null;
            }
        });
        zone = found ?? TimeZoneInfo.Utc;
        return found is not null;
    }

    /// <summary>The window [start, end) of <paramref name="period"/> containing <paramref name="now"/>.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) WindowAt(QuotaPeriod period, string timeZone, DateTimeOffset now)
    {
        if (!TryFindZone(timeZone, out var zone))
        {
            throw new ArgumentException($"Unknown time zone '{timeZone}'.", nameof(timeZone));
        }
        var local = TimeZoneInfo.ConvertTime(now, zone);
        switch (period)
        {
            case QuotaPeriod.Minute:
            {
                var start = now - TimeSpan.FromTicks(local.Ticks % TimeSpan.TicksPerMinute);
                return (start.ToUniversalTime(), start.AddMinutes(1).ToUniversalTime());
            }
            case QuotaPeriod.Hour:
            {
                var start = now - TimeSpan.FromTicks(local.Ticks % TimeSpan.TicksPerHour);
                return (start.ToUniversalTime(), start.AddHours(1).ToUniversalTime());
            }
            case QuotaPeriod.Day:
                return Days(local.Date, 1, zone);
            case QuotaPeriod.Week:
                return Days(local.Date.AddDays(-(((int)local.DayOfWeek + 6) % 7)), 7, zone);
            case QuotaPeriod.Month:
            {
                var first = new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
                return (ToInstant(first, zone), ToInstant(first.AddMonths(1), zone));
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown quota period.");
        }
    }

    private static (DateTimeOffset, DateTimeOffset) Days(DateTime localMidnight, int days, TimeZoneInfo zone)
    {
        var start = DateTime.SpecifyKind(localMidnight, DateTimeKind.Unspecified);
        return (ToInstant(start, zone), ToInstant(start.AddDays(days), zone));
    }

    /// <summary>
    /// A local wall-clock time as an instant. Inside a spring-forward gap: the first instant after it.
    /// Ambiguous (fall-back): the first occurrence.
    /// </summary>
    internal static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            offset = zone.GetUtcOffset(local.AddHours(-6));
        }
        else if (zone.IsAmbiguousTime(local))
        {
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
