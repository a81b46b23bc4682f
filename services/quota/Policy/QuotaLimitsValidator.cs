using Dapr.AiProvider.Contracts.Quota;

namespace Dapr.AiProvider.Quota.Policy;

/// <summary>Checks a <see cref="QuotaLimits"/> before it reaches an actor; every problem is listed.</summary>
internal static class QuotaLimitsValidator
{
    public const int MaxRules = 50;

    public static Dictionary<string, string[]> Validate(QuotaLimits? limits)
    {
        var errors = new Dictionary<string, string[]>();
        if (limits is null)
        {
            errors["body"] = ["A QuotaLimits body is required."];
            return errors;
        }
        if (limits.Rules is null || limits.Rules.Count > MaxRules)
        {
            errors["rules"] = [$"rules must be a list of at most {MaxRules} rules."];
            return errors;
        }
        var seen = new HashSet<(QuotaMetric, QuotaPeriod)>();
        for (var i = 0; i < limits.Rules.Count; i++)
        {
            var rule = limits.Rules[i];
            var problems = new List<string>();
            if (rule is null)
            {
                errors[$"rules[{i}]"] = ["A rule must not be null."];
                continue;
            }
            if (!Enum.IsDefined(rule.Metric)) { problems.Add("metric must be requests, tokens or cost."); }
            if (!Enum.IsDefined(rule.Period)) { problems.Add("period must be minute, hour, day, week or month."); }
            if (rule.Limit < 0) { problems.Add("limit must not be negative."); }
            if (string.IsNullOrWhiteSpace(rule.TimeZone) || !QuotaCalendar.TryFindZone(rule.TimeZone, out _))
            {
                problems.Add($"timeZone '{rule.TimeZone}' is not a known IANA time zone.");
            }
            if (!seen.Add((rule.Metric, rule.Period)))
            {
                problems.Add("only one rule per metric and period.");
            }
            if (problems.Count > 0)
            {
                errors[$"rules[{i}]"] = [.. problems];
            }
        }
        if (limits.AlertThresholds is null || limits.AlertThresholds.Any(t => double.IsNaN(t) || t <= 0 || t > 10))
        {
            errors["alertThresholds"] = ["alertThresholds must be fractions of the limit in (0, 10]."];
        }
        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem (for callers that bypass the HTTP API).</summary>
    public static void ThrowIfInvalid(QuotaLimits? limits)
    {
        var errors = Validate(limits);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid quota limits: " +
                string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")), nameof(limits));
        }
    }
}
