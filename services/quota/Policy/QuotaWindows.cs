using Dapr.AiProvider.Contracts.Quota;

namespace Dapr.AiProvider.Quota.Policy;

/// <summary>
/// Window arithmetic. A lease counts against a window when a request reserved from it can reach the provider inside
/// it: granted inside it, or straddling its start (granted within the boundary guard of the previous window's end).
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
            if (lease.GrantedAt >= start || lease.LastArrival > start)
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

    /// <summary>The window after <paramref name="previous"/>: it starts with what straddling leases carried into it.</summary>
    public static WindowState Next(QuotaRule rule, WindowState previous, DateTimeOffset now)
    {
        var next = Open(rule, now);
        if (next.Start == previous.End)
        {
            next.Used = previous.CarriedIntoNext;
        }
        return next;
    }
}
