using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Dapr.AiProvider.ServiceDefaults.Time;

/// <summary>
/// A wall clock that runs <see cref="Scale"/> times faster than the real one, for the "day of free tier" benchmark:
/// a provider's day of windows in minutes. Only <see cref="GetUtcNow"/> is scaled — calendar windows, resets,
/// <c>Retry-After</c> instants, lease ends and cooldowns follow it — while timers, delays and elapsed-time stamps stay
/// real, so timeouts, backoffs and latencies mean what they always do. Every process of a stack is given the same
/// settings and so agrees on the time: <c>now = StartsAt + (real now − RealStart) × Scale</c>.
/// Configuration (section <c>Clock</c>, e.g. environment <c>Clock__Scale=288</c>): without <c>Scale</c> (or 1) the
/// real clock is used.
/// </summary>
public sealed class ScaledClock : TimeProvider
{
    public const string Section = "Clock";

    private readonly TimeProvider _real;

    public ScaledClock(double scale, DateTimeOffset realStart, DateTimeOffset startsAt, TimeProvider? real = null)
    {
        if (!double.IsFinite(scale) || scale <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "Clock:Scale must be a positive number.");
        }
        (Scale, RealStart, StartsAt, _real) = (scale, realStart, startsAt, real ?? System);
    }

    public double Scale { get; }

    /// <summary>The real instant at which the scaled clock shows <see cref="StartsAt"/>.</summary>
    public DateTimeOffset RealStart { get; }

    public DateTimeOffset StartsAt { get; }

    public override DateTimeOffset GetUtcNow() =>
        StartsAt + TimeSpan.FromTicks((long)((_real.GetUtcNow() - RealStart).Ticks * Scale));

    /// <summary>
    /// The scaled clock when <c>Clock:Scale</c> is set to something other than 1, else <see cref="TimeProvider.System"/>.
    /// <c>Clock:RealStart</c> and <c>Clock:StartsAt</c> (ISO 8601) default to the moment of the call.
    /// </summary>
    public static TimeProvider FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var scale = section["Scale"] is { Length: > 0 } text ? double.Parse(text, CultureInfo.InvariantCulture) : 1d;
        if (scale == 1d)
        {
            return System;
        }
        var now = System.GetUtcNow();
        return new ScaledClock(scale, Instant(section["RealStart"]) ?? now, Instant(section["StartsAt"]) ?? now);
    }

    /// <summary>
    /// A time-to-live in seconds on <paramref name="time"/>'s clock as seconds of real time (at least 1), for expiries that
    /// run on another clock: Redis counts a state entry's <c>ttlInSeconds</c> in real seconds, so on a clock running
    /// <see cref="Scale"/> times faster an entry would otherwise outlive its simulated TTL that many times.
    /// </summary>
    public static int RealSeconds(TimeProvider time, int seconds) =>
        time is ScaledClock scaled && seconds > 0 ? Math.Max(1, (int)Math.Ceiling(seconds / scaled.Scale)) : seconds;

    private static DateTimeOffset? Instant(string? text) =>
        string.IsNullOrEmpty(text) ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
