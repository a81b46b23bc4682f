using Dapr.AiProvider.Contracts.Quota;

namespace Dapr.AiProvider.Quota.Policy;

/// <summary>Threshold alerts: each threshold of each rule fires at most once per window.</summary>
internal static class QuotaAlerts
{
    public static IReadOnlyList<QuotaAlertRaised> Raise(QuotaState state, string scope, DateTimeOffset now)
    {
        var alerts = new List<QuotaAlertRaised>();
        for (var i = 0; i < state.Limits.Rules.Count; i++)
        {
            var rule = state.Limits.Rules[i];
            var window = state.Windows[i];
            if (rule.Limit <= 0)
            {
                continue;
            }
            var ratio = (double)window.Used / rule.Limit;
            foreach (var threshold in state.Limits.AlertThresholds.Order())
            {
                if (ratio >= threshold && !window.FiredThresholds.Contains(threshold))
                {
                    window.FiredThresholds.Add(threshold);
                    alerts.Add(new QuotaAlertRaised
                    {
                        Scope = scope, Rule = rule, Threshold = threshold, Used = window.Used,
                        WindowStart = window.Start, ResetsAt = window.End, RaisedAt = now,
                    });
                }
            }
        }
        return alerts;
    }
}
