using System.Globalization;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

/// <summary>
/// A retry policy's <c>matching.httpStatusCodes</c> / <c>gRPCStatusCodes</c> allow-list such as
/// <c>"429,500-504"</c> (daprd pkg/resiliency/retry.go): no list means every error code is retried.
/// </summary>
internal sealed record StatusCodeMatcher(IReadOnlyList<(int Start, int End)>? Ranges)
{
    public static readonly StatusCodeMatcher Any = new((IReadOnlyList<(int, int)>?)null);

    public bool Matches(int code)
    {
        if (Ranges is null)
        {
            return true;
        }

        foreach (var (start, end) in Ranges)
        {
            if (start <= code && code <= end)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses a list; returns an error text for the first bad pattern.</summary>
    public static StatusCodeMatcher Parse(string? patterns, int min, int max, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(patterns))
        {
            return Any;
        }

        var ranges = new List<(int, int)>();
        foreach (var raw in patterns.Split(','))
        {
            var pattern = raw.Trim();
            if (pattern.Length == 0)
            {
                continue;
            }

            var parts = pattern.Split('-');
            if (parts.Length > 2
                || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var start)
                || !int.TryParse(parts[^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var end))
            {
                error = $"invalid pattern '{pattern}'";
                return Any;
            }

            if (start < min || start > max || end < min || end > max || end < start)
            {
                error = $"invalid pattern '{pattern}': codes must lie in {min}-{max} with start <= end";
                return Any;
            }

            ranges.Add((start, end));
        }

        return new StatusCodeMatcher(ranges);
    }
}
