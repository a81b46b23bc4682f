using Dapr.AiProvider.Contracts.Quota;

namespace Dapr.AiProvider.Quota.Policy;

/// <summary>The names metrics, periods and windows go by in SQL, metrics tags and logs.</summary>
internal static class QuotaNames
{
    public static string QuotaType(QuotaRule rule) =>
        $"{MetricName(rule.Metric)}_{PeriodName(rule.Period)}";

    public static string MetricName(QuotaMetric metric) => metric switch
    {
        QuotaMetric.Requests => "requests",
        QuotaMetric.Tokens => "tokens",
        _ => "cost",
    };

    public static string PeriodName(QuotaPeriod period) => period.ToString().ToLowerInvariant();
}
