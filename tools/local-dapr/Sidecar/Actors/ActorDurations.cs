using System.Globalization;
using System.Text.RegularExpressions;
using Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

/// <summary>
/// The time formats daprd accepts for reminders and timers (dapr pkg/actors/internal/reminders
/// parsing): Go durations (<c>5s</c>, and the SDK's <c>0h0m5s0ms</c>), ISO 8601 durations (<c>PT5S</c>,
/// <c>P1DT2H</c>), repetitions (<c>R5/PT1M</c>) for periods, RFC 3339 instants for dueTime and ttl.
/// </summary>
internal static partial class ActorDurations
{
    /// <summary>Delay until the first fire. Empty = now.</summary>
    public static bool TryParseDueTime(string? text, DateTimeOffset now, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (TryParseDuration(text, out delay))
        {
            delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            delay = at > now ? at - now : TimeSpan.Zero;
            return true;
        }
        return false;
    }

    /// <summary>Period and repetitions (null period: fire once; null repetitions: forever).</summary>
    public static bool TryParsePeriod(string? text, out TimeSpan? period, out int? repetitions)
    {
        period = null;
        repetitions = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        var value = text.Trim();
        if (value.StartsWith('R'))
        {
            var parts = value.Split('/', 2);
            if (parts.Length != 2 || !int.TryParse(parts[0][1..], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                return false;
            }
            repetitions = count;
            value = parts[1];
        }
        if (!TryParseDuration(value, out var p) || p < TimeSpan.Zero)
        {
            return false;
        }
        period = p == TimeSpan.Zero ? null : p; // a zero period fires once
        return true;
    }

    /// <summary>Go or ISO 8601 duration.</summary>
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('P'))
        {
            return TryParseIso(trimmed, out value);
        }
        if (long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            value = TimeSpan.Zero;
            return false; // a bare number is not a Go duration ("missing unit")
        }
        return GoDuration.TryParse(trimmed, out value);
    }

    private static bool TryParseIso(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var match = IsoPattern().Match(text);
        if (!match.Success || text == "P" || text.EndsWith('T'))
        {
            return false;
        }
        double Part(string name) => match.Groups[name].Success
            ? double.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        value = TimeSpan.FromDays(Part("y") * 365 + Part("mo") * 30 + Part("w") * 7 + Part("d"))
            + TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("mi")) + TimeSpan.FromSeconds(Part("s"));
        return true;
    }

    [GeneratedRegex(@"^P(?:(?<y>\d+)Y)?(?:(?<mo>\d+)M)?(?:(?<w>\d+)W)?(?:(?<d>\d+)D)?(?:T(?:(?<h>\d+)H)?(?:(?<mi>\d+)M)?(?:(?<s>\d+(?:\.\d+)?)S)?)?$")]
    private static partial Regex IsoPattern();
}
