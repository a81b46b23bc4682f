using System.Globalization;
using System.Text.RegularExpressions;

namespace Dapr.AiProvider.ProviderSimulator.Core;

/// <summary>
/// In-band test controls in the last user message: <c>[[sim:fault=rate_limited]]</c>,
/// <c>[[sim:cached=100]]</c>, <c>[[sim:cache_write=20]]</c>, <c>[[sim:reasoning=50]]</c>,
/// <c>[[sim:words=200]]</c>, <c>[[sim:fault=rate_limited,retry=5]]</c>, <c>[[sim:tps=5]]</c> (this answer's pace, tokens a
/// second: a slow answer that is not a fault, so a scripted fault still applies to a candidate the gateway tries first),
/// <c>[[sim:tag=ID]]</c> (what this answer produced is listed under ID in <c>GET /_sim/requests</c>);
/// several may share one marker: <c>[[sim:cached=10,reasoning=5]]</c>.
/// </summary>
internal sealed partial record Directives(string? Fault, int Cached, int CacheWrite, int Reasoning, int? Words, double? RetryAfter,
    double? TokensPerSecond = null, string? Tag = null)
{
    public static readonly Directives None = new(null, 0, 0, 0, null, null);

    public static Directives Parse(string text)
    {
        if (!text.Contains("[[sim:", StringComparison.Ordinal))
        {
            return None;
        }
        var result = None;
        foreach (Match match in Marker().Matches(text))
        {
            foreach (var pair in match.Groups[1].Value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
                var value = parts.Length == 2 ? parts[1] : "";
                result = parts[0].ToLowerInvariant() switch
                {
                    "fault" => result with { Fault = value },
                    "cached" => result with { Cached = Number(value) },
                    "cache_write" => result with { CacheWrite = Number(value) },
                    "reasoning" => result with { Reasoning = Number(value) },
                    "words" => result with { Words = Math.Clamp(Number(value), 1, 100_000) },
                    "retry" => result with { RetryAfter = Seconds(value) },
                    "tps" => result with { TokensPerSecond = Seconds(value) },
                    "tag" => result with { Tag = value.Length is > 0 and <= 100 ? value : null },
                    _ => result,
                };
            }
        }
        return result;
    }

    /// <summary>The text without its markers (what the deterministic answer echoes).</summary>
    public static string Strip(string text) =>
        text.Contains("[[sim:", StringComparison.Ordinal) ? Marker().Replace(text, " ").Trim() : text.Trim();

    private static int Number(string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 0;

    private static double? Seconds(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : null;

    [GeneratedRegex(@"\[\[sim:([^\]]*)\]\]", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();
}
