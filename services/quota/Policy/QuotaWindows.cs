using Dapr.AiProvider.Contracts.Quota;

namespace Dapr.AiProvider.Quota.Policy;

/// <summary>
/// Window arithmetic. A lease counts against a window when it was granted inside it: leases granted
/// before a reset belong to the old window and stop counting once it rolls.
/// </summary>
internal static class QuotaWindows
{
    public static long Leased(QuotaState state, int rule)
    {
        var metric = state.Limits.Rules[rule].Metric;
        var start = state.Windows[rule].Start;
        long leased = 0;
        foreach (var lease in state.Leases)
        {
            if (lease.GrantedAt >= start)
            {
                leased += lease.Amount(metric);
            }
        }
        return leased;
    }

    public static long Remaining(QuotaState state, int rule) =>
        Math.Max(0, state.Limits.Rules[rule].Limit - state.Windows[rule].Used - Leased(state, rule));

    public static WindowState Open(QuotaRule rule, DateTimeOffset now)
    {
        var (start, end) = QuotaCalendar.WindowAt(rule.Period, rule.TimeZone, now);
        return new WindowState { Start = start, End = end };
    }
}
