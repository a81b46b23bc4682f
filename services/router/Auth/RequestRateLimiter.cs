using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Auth;

/// <summary>
/// Requests-per-minute per caller across replicas: a fixed one-minute window counted in the shared
/// <see cref="IRateWindowStore"/>. Each replica takes small slices of the window (1 for small limits,
/// up to 20 for large ones) and spends them locally, so the total granted never passes the limit and
/// the store is touched once per slice, not per request. A store failure fails open (logged): rate
/// limits protect capacity; spend is capped by the budget leases.
/// </summary>
internal sealed partial class RequestRateLimiter(IRateWindowStore store, IOptions<AuthOptions> options, TimeProvider time,
    ILogger<RequestRateLimiter> logger)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public int LimitFor(ApiKeyIdentity identity) => identity.RequestsPerMinute ?? options.Value.DefaultRequestsPerMinute;

    /// <summary>The caller's own limit, then its team's (when configured); the caller's decision carries the headers.</summary>
    public async ValueTask<RateDecision> AcquireAsync(ApiKeyIdentity identity, CancellationToken cancellationToken)
    {
        var own = await AcquireAsync("key:" + identity.KeyId, LimitFor(identity), cancellationToken);
        if (!own.Allowed || identity.Team is not { } team || !options.Value.TeamRequestsPerMinute.TryGetValue(team, out var teamLimit))
        {
            return own;
        }
        var shared = await AcquireAsync("team:" + team, teamLimit, cancellationToken);
        return shared.Allowed ? own : shared;
    }

    private async ValueTask<RateDecision> AcquireAsync(string subject, int limit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var windowStart = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        var resetAt = windowStart + Window;
        if (limit <= 0)
        {
            return new RateDecision(true, 0, 0, resetAt);
        }
        var bucket = _buckets.GetOrAdd(subject, _ => new Bucket());
        lock (bucket)
        {
            if (bucket.WindowStart != windowStart)
            {
                bucket.Reset(windowStart);
            }
            if (bucket.Used < bucket.Granted)
            {
                bucket.Used++;
                return new RateDecision(true, limit, Remaining(limit, bucket), resetAt);
            }
        }
        var slice = Math.Clamp(limit / 50, 1, 20);
        long granted, total;
        try
        {
            (granted, total) = await store.TakeAsync($"ratelimit:{subject}:{windowStart:yyyyMMddHHmm}", slice, limit, Window + Window, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.StoreFailed(logger, ex.GetType().Name);
            return new RateDecision(true, limit, limit, resetAt);
        }
        lock (bucket)
        {
            if (bucket.WindowStart != windowStart)
            {
                bucket.Reset(windowStart);
            }
            bucket.Granted += granted;
            bucket.StoreTotal = Math.Max(bucket.StoreTotal, total);
            if (bucket.Used < bucket.Granted)
            {
                bucket.Used++;
                return new RateDecision(true, limit, Remaining(limit, bucket), resetAt);
            }
            return new RateDecision(false, limit, 0, resetAt) { Scope = subject.StartsWith("team:", StringComparison.Ordinal) ? "team" : "key" };
        }
    }

    /// <summary>What is left for this caller as far as this replica knows: the window's unclaimed part plus its own unused slice.</summary>
    private static long Remaining(long limit, Bucket bucket) => Math.Max(0, limit - bucket.StoreTotal) + (bucket.Granted - bucket.Used);

    private sealed class Bucket
    {
        public DateTimeOffset WindowStart;
        public long Granted;
        public long Used;
        public long StoreTotal;

        public void Reset(DateTimeOffset windowStart)
        {
            WindowStart = windowStart;
            Granted = Used = StoreTotal = 0;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(2151, LogLevel.Warning, "Rate limit store unavailable ({Error}); request allowed")]
        public static partial void StoreFailed(ILogger logger, string error);
    }
}

/// <summary>The outcome of a rate-limit check (limit 0 = unlimited).</summary>
internal readonly record struct RateDecision(bool Allowed, long Limit, long Remaining, DateTimeOffset ResetAt)
{
    /// <summary>"key" or "team": whose limit decided.</summary>
    public string Scope { get; init; } = "key";
}
