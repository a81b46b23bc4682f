using System.Globalization;

namespace Dapr.AiProvider.ProviderAdapters.Errors;

/// <summary>When a provider says it may be tried again, from its headers.</summary>
internal static class RetryTiming
{
    /// <summary><c>retry-after-ms</c> (also Azure's <c>x-ms-retry-after-ms</c>), then <c>Retry-After</c> as seconds or an HTTP date.</summary>
    public static DateTimeOffset? FromRetryHeaders(ProviderFailure failure, DateTimeOffset now)
    {
        var ms = failure.Header("retry-after-ms") ?? failure.Header("x-ms-retry-after-ms");
        if (double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return now + TimeSpan.FromMilliseconds(millis);
        }
        return ParseRetryAfter(failure.Header("retry-after"), now);
    }

    public static DateTimeOffset? ParseRetryAfter(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return now + TimeSpan.FromSeconds(seconds);
        }
        return DateTimeOffset.TryParseExact(value.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            || DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date)
            ? date
            : null;
    }

    /// <summary>A duration header (<c>6m0s</c>) as an instant after <paramref name="now"/>.</summary>
    public static DateTimeOffset? FromDuration(string? value, DateTimeOffset now) =>
        DurationParser.TryParse(value, out var duration) ? now + duration : null;

    /// <summary>An RFC 3339 timestamp header (Anthropic resets).</summary>
    public static DateTimeOffset? FromTimestamp(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    /// <summary>Later of two optional instants.</summary>
    public static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a > b ? a : b);

    /// <summary>The first instant of next month, UTC (monthly billing and credit windows).</summary>
    public static DateTimeOffset NextMonthUtc(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
    }

    /// <summary>The next 00:00 UTC (the day of Groq, Cerebras, OpenRouter and Cloudflare free tiers).</summary>
    public static DateTimeOffset NextUtcMidnight(DateTimeOffset now) =>
        new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);

    /// <summary>The next midnight in America/Los_Angeles (Gemini's daily quota reset).</summary>

    public static DateTimeOffset NextPacificMidnight(DateTimeOffset now)
    {
        var zone = PacificZone.Value;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var midnight = local.Date.AddDays(1);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    private static readonly Lazy<TimeZoneInfo> PacificZone = new(() =>
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("PST", TimeSpan.FromHours(-8), "PST", "PST");
        }
    });
}
