using System.Runtime.CompilerServices;
using Dapr.AiProvider.ProviderSimulator.Core;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderSimulator.Limits;

/// <summary>Which window a refused request hit, for the provider's own 429 (or 402) wording.</summary>
/// <param name="Monthly">The month's credits are spent (metric <c>credits</c>, limit and use in micro-dollars).</param>
internal sealed record LimitHit(string Metric, bool Daily, long Limit, long Used, double RetryAfterSeconds, DateTimeOffset ResetAt, bool Monthly = false)
{
    /// <summary>
    /// How many of <see cref="Used"/> arrived after their gateway lease had ended (<c>x-aiprovider-send-by</c>): requests
    /// the gateway counted in an earlier window, which took places this window's own leases counted on.
    /// </summary>
    public long UsedLate { get; init; }

    /// <summary>Nothing until a day or month turns: the provider's quota error rather than its rate limit.</summary>
    public bool UntilReset => Daily || Monthly;
}

/// <summary>
/// Counts requests and (prompt) tokens in each free-tier window and refuses what a real free tier would: minutes are
/// calendar minutes, days start at midnight in the provider's time zone. A refused request is not counted. Monthly credits
/// (Hugging Face) are charged with each answer's price (<see cref="Charge"/>) and refuse every request once spent, until
/// the 1st of the next month.
/// </summary>
internal sealed class FreeTierLimiter(IOptionsMonitor<SimulatorOptions> options, TimeProvider time)
{
    private readonly Dictionary<string, Usage> _usage = new(StringComparer.Ordinal);
    private volatile StrongBox<bool>? _enforce;

    public IReadOnlyList<FreeTierLimit> Effective => options.CurrentValue.FreeTiers.Effective();

    /// <summary>The runtime switch (<c>PUT /_sim/limits</c>) when set, else <c>Simulator:FreeTiers:Enforce</c>.</summary>
    public bool Enforced => _enforce?.Value ?? options.CurrentValue.FreeTiers.Enforce;

    /// <summary>Turns enforcement on or off at runtime (a test of a shared stack turns it on for itself).</summary>
    public void Enforce(bool on) => _enforce = new StrongBox<bool>(on);

    /// <summary>Null when the request fits every window (and is counted), else the window it would break.</summary>
    /// <param name="late">It arrived after the end of the gateway's lease it was sent under (counted per window).</param>
    public LimitHit? TryAdmit(string provider, string model, int tokens, bool late)
    {
        if (!Enforced || Find(provider, model) is not { } limit)
        {
            return null;
        }
        var now = time.GetUtcNow();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(limit.TimeZone);
        var minuteEnd = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var dayEndLocal = local.Date.AddDays(1);
        var dayEnd = new DateTimeOffset(dayEndLocal, zone.GetUtcOffset(dayEndLocal));
        var monthEnd = MonthEnd(local, zone);
        lock (_usage)
        {
            var usage = UsageOf(provider, model, limit);
            usage.Roll(minuteEnd, dayEnd, monthEnd);
            var hit = Credits(limit, usage, monthEnd, now)
                ?? Check("requests", false, limit.Rpm, usage.MinuteRequests, 1, minuteEnd, now)
                ?? Check("tokens", false, limit.Tpm, usage.MinuteTokens, tokens, minuteEnd, now)
                ?? Check("requests", true, limit.Rpd, usage.DayRequests, 1, dayEnd, now)
                ?? Check("tokens", true, limit.Tpd, usage.DayTokens, tokens, dayEnd, now);
            if (hit is null)
            {
                usage.MinuteRequests++;
                usage.DayRequests++;
                usage.MinuteTokens += tokens;
                usage.DayTokens += tokens;
                usage.MinuteLate += late ? 1 : 0;
                usage.DayLate += late ? 1 : 0;
            }
            return hit is null || hit.Monthly ? hit : hit with { UsedLate = hit.Daily ? usage.DayLate : usage.MinuteLate };
        }
    }

    /// <summary>
    /// Charges an answer's tokens to its provider's monthly credits at the model's price (nothing when the provider has
    /// no credits or enforcement is off). The answer that spends the last credit is served; the next request is refused.
    /// </summary>
    public void Charge(string provider, string model, int promptTokens, int outputTokens)
    {
        if (!Enforced || Find(provider, model) is not { MonthlyCreditUsd: not null } limit
            || options.CurrentValue.FreeTiers.PriceOf(provider, model) is not { } price)
        {
            return;
        }
        var zone = TimeZoneInfo.FindSystemTimeZoneById(limit.TimeZone);
        var monthEnd = MonthEnd(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone), zone);
        lock (_usage)
        {
            var usage = UsageOf(provider, model, limit);
            usage.RollMonth(monthEnd);
            usage.MonthSpentUsd += price.Cost(promptTokens, outputTokens);
        }
    }

    /// <summary>Forgets every count (a new day for every window).</summary>
    public void Reset()
    {
        lock (_usage)
        {
            _usage.Clear();
        }
    }

    private FreeTierLimit? Find(string provider, string model)
    {
        FreeTierLimit? accountWide = null;
        foreach (var limit in Effective)
        {
            if (!string.Equals(limit.Provider, provider, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (limit.Model == model)
            {
                return limit;
            }
            accountWide = limit.IsAccountWide ? limit : accountWide;
        }
        return accountWide;
    }

    private Usage UsageOf(string provider, string model, FreeTierLimit limit)
    {
        var key = provider + "/" + (limit.IsAccountWide ? "*" : model);
        return _usage.TryGetValue(key, out var u) ? u : _usage[key] = new Usage();
    }

    /// <summary>The instant the month of <paramref name="local"/> ends: the 1st of the next month, midnight in <paramref name="zone"/>.</summary>
    private static DateTimeOffset MonthEnd(DateTimeOffset local, TimeZoneInfo zone)
    {
        var next = new DateTime(local.Year, local.Month, 1).AddMonths(1);
        return new DateTimeOffset(next, zone.GetUtcOffset(next));
    }

    private static LimitHit? Credits(FreeTierLimit limit, Usage usage, DateTimeOffset monthEnd, DateTimeOffset now) =>
        limit.MonthlyCreditUsd is { } credit && usage.MonthSpentUsd >= credit
            ? new LimitHit("credits", false, Micros(credit), Micros(usage.MonthSpentUsd),
                Math.Max(1, Math.Ceiling((monthEnd - now).TotalSeconds)), monthEnd, Monthly: true)
            : null;

    private static long Micros(decimal usd) => (long)decimal.Round(usd * 1_000_000m);

    private static LimitHit? Check(string metric, bool daily, long? limit, long used, long adding, DateTimeOffset resetAt, DateTimeOffset now) =>
        limit is { } max && used + adding > max
            ? new LimitHit(metric, daily, max, used, Math.Max(1, Math.Ceiling((resetAt - now).TotalSeconds)), resetAt)
            : null;

    private sealed class Usage
    {
        private DateTimeOffset _minuteEnd = DateTimeOffset.MinValue;
        private DateTimeOffset _dayEnd = DateTimeOffset.MinValue;
        private DateTimeOffset _monthEnd = DateTimeOffset.MinValue;

        public long MinuteRequests { get; set; }
        public long MinuteTokens { get; set; }
        public long DayRequests { get; set; }
        public long DayTokens { get; set; }
        public long MinuteLate { get; set; }
        public long DayLate { get; set; }
        public decimal MonthSpentUsd { get; set; }

        public void Roll(DateTimeOffset minuteEnd, DateTimeOffset dayEnd, DateTimeOffset monthEnd)
        {
            RollMonth(monthEnd);
            if (minuteEnd != _minuteEnd)
            {
                (_minuteEnd, MinuteRequests, MinuteTokens, MinuteLate) = (minuteEnd, 0, 0, 0);
            }
            if (dayEnd != _dayEnd)
            {
                (_dayEnd, DayRequests, DayTokens, DayLate) = (dayEnd, 0, 0, 0);
            }
        }

        public void RollMonth(DateTimeOffset monthEnd)
        {
            if (monthEnd != _monthEnd)
            {
                (_monthEnd, MonthSpentUsd) = (monthEnd, 0);
            }
        }
    }
}
