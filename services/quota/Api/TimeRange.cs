using System.Globalization;

namespace Dapr.AiProvider.Quota.Api;

/// <summary>Parses <c>from</c>/<c>to</c> query values (ISO 8601); defaults to the last 7 days; at most 366 days.</summary>
internal static class TimeRange
{
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(366);

    public static bool TryParse(string? from, string? to, DateTimeOffset now, out DateTimeOffset start, out DateTimeOffset end,
        out Dictionary<string, string[]> errors)
    {
        errors = [];
        end = now;
        start = now - TimeSpan.FromDays(7);
        if (to is not null && !DateTimeOffset.TryParse(to, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out end))
        {
            errors["to"] = ["to must be an ISO 8601 date or time."];
        }
        if (from is not null && !DateTimeOffset.TryParse(from, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out start))
        {
            errors["from"] = ["from must be an ISO 8601 date or time."];
        }
        else if (from is null && to is not null)
        {
            start = end - TimeSpan.FromDays(7);
        }
        if (errors.Count == 0 && start >= end)
        {
            errors["from"] = ["from must be before to."];
        }
        if (errors.Count == 0 && end - start > MaxSpan)
        {
            errors["to"] = [$"The range must not exceed {MaxSpan.TotalDays} days."];
        }
        return errors.Count == 0;
    }
}
