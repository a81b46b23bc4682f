using System.Globalization;
using System.Text.RegularExpressions;

namespace Dapr.AiProvider.Deployment.Tests.Infrastructure;

/// <summary>Go's time.ParseDuration for the units Dapr resources use.</summary>
public static partial class GoDuration
{
    public static TimeSpan Parse(string text)
    {
        var total = TimeSpan.Zero;
        var matches = Part().Matches(text);
        Assert.True(matches.Count > 0 && string.Concat(matches.Select(m => m.Value)) == text, $"'{text}' is not a Go duration");
        foreach (Match m in matches)
        {
            var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            total += m.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                "h" => TimeSpan.FromHours(value),
                var unit => throw new FormatException($"unit '{unit}' in '{text}'"),
            };
        }
        return total;
    }

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)")]
    private static partial Regex Part();
}
