using System.Globalization;

namespace Dapr.AiProvider.ProviderAdapters.Errors;

/// <summary>
/// Parses the duration strings providers send: Go durations in OpenAI's <c>x-ratelimit-reset-*</c>
/// (<c>6m0s</c>, <c>12ms</c>, <c>1h2m3.5s</c>) and protobuf durations in Gemini's <c>retryDelay</c>
/// (<c>20.223932614s</c>).
/// </summary>
internal static class DurationParser
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var span = text.AsSpan().Trim();
        double totalMs = 0;
        var any = false;
        while (!span.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < span.Length && (char.IsAsciiDigit(span[numberLength]) || span[numberLength] == '.'))
            {
                numberLength++;
            }
            if (numberLength == 0 || !double.TryParse(span[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }
            span = span[numberLength..];
            var unitLength = 0;
            while (unitLength < span.Length && char.IsAsciiLetter(span[unitLength]) || unitLength < span.Length && span[unitLength] == 'µ')
            {
                unitLength++;
            }
            double? factor = span[..unitLength] switch
            {
                "h" => 3_600_000,
                "m" => 60_000,
                "s" => 1_000,
                "ms" => 1,
                "us" or "µs" => 0.001,
                "ns" => 0.000_001,
                _ => null,
            };
            if (factor is null)
            {
                return false;
            }
            totalMs += value * factor.Value;
            span = span[unitLength..];
            any = true;
        }
        duration = TimeSpan.FromMilliseconds(totalMs);
        return any;
    }
}
