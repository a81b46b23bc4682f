using System.Runtime.CompilerServices;
using Dapr.AiProvider.ProviderSimulator.Core;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderSimulator.Limits;

/// <summary>Which window a refused request hit, for the provider's own 429 wording.</summary>
internal sealed record LimitHit(string Metric, bool Daily, long Limit, long Used, double RetryAfterSeconds, DateTimeOffset ResetAt);

/// <summary>
/// Counts requests and (prompt) tokens in each free-tier window and refuses what a real free tier would: minutes are
/// calendar minutes, days start at midnight in the provider's time zone. A refused request is not counted.
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
    public LimitHit? TryAdmit(string provider, string model, int tokens)
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
        var key = provider + "/" + (limit.IsAccountWide ? "*" : model);
        lock (_usage)
        {
            var usage = _usage.TryGetValue(key, out var u) ? u : _usage[key] = new Usage();
            usage.Roll(minuteEnd, dayEnd);
            var hit = Check("requests", false, limit.Rpm, usage.MinuteRequests, 1, minuteEnd, now)
                ?? Check("tokens", false, limit.Tpm, usage.MinuteTokens, tokens, minuteEnd, now)
                ?? Check("requests", true, limit.Rpd, usage.DayRequests, 1, dayEnd, now)
                ?? Check("tokens", true, limit.Tpd, usage.DayTokens, tokens, dayEnd, now);
            if (hit is null)
            {
                usage.MinuteRequests++;
                usage.DayRequests++;
                usage.MinuteTokens += tokens;
                usage.DayTokens += tokens;
            }
            return hit;
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

    private static LimitHit? Check(string metric, bool daily, long? limit, long used, long adding, DateTimeOffset resetAt, DateTimeOffset now) =>
        limit is { } max && used + adding > max
            ? new LimitHit(metric, daily, max, used, Math.Max(1, Math.Ceiling((resetAt - now).TotalSeconds)), resetAt)
            : null;

    private sealed class Usage
    {
        private DateTimeOffset _minuteEnd = DateTimeOffset.MinValue;
        private DateTimeOffset _dayEnd = DateTimeOffset.MinValue;

        public long MinuteRequests { get; set; }
        public long MinuteTokens { get; set; }
        public long DayRequests { get; set; }
        public long DayTokens { get; set; }

        public void Roll(DateTimeOffset minuteEnd, DateTimeOffset dayEnd)
        {
            if (minuteEnd != _minuteEnd)
            {
                (_minuteEnd, MinuteRequests, MinuteTokens) = (minuteEnd, 0, 0);
            }
            if (dayEnd != _dayEnd)
            {
                (_dayEnd, DayRequests, DayTokens) = (dayEnd, 0, 0);
            }
        }
    }
}
