using Dapr.AiProvider.Router.State;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Auth;
using System.Collections.Concurrent;

namespace Dapr.AiProvider.Router.RateLimiting;

/// <summary>
/// Fixed one-minute windows counted in the shared <see cref="IRateWindowStore"/>, spent locally in
/// slices: each replica claims a small part of a window (1/50 of the limit, at least 1 and at most
/// <c>maxSlice</c>) and spends it in memory, so the store is touched once per slice, not per request, and the
/// total claimed by all replicas never passes the limit. Units spent after the fact (a response's
/// tokens) become a local debt that the next admission claims from the store before anything else.
/// A store failure fails open (the caller logs it): limits protect capacity; spend is capped by leases.
/// </summary>
internal sealed class SharedWindowCounter(IRateWindowStore store, TimeProvider time, long maxSlice)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>
    /// Admits when at least <c>max(cost, 1)</c> units are left in the current window and spends
    /// <paramref name="cost"/> (0 = only check, e.g. tokens, which are charged once known).
    /// </summary>
    public async ValueTask<RateDecision> AcquireAsync(string subject, long limit, long cost, CancellationToken cancellationToken)
    {
        var windowStart = WindowStart(time.GetUtcNow());
        var resetAt = windowStart + Window;
        if (limit <= 0)
        {
            return new RateDecision(true, 0, 0, resetAt);
        }
        var bucket = _buckets.GetOrAdd(subject, _ => new Bucket());
        if (bucket.TrySpend(windowStart, cost, limit, out var remaining))
        {
            return new RateDecision(true, limit, remaining, resetAt);
        }
        if (bucket.WindowFull(windowStart, limit))
        {
            return new RateDecision(false, limit, 0, resetAt); // nothing left to claim: spare the store
        }
        // One claim at a time per subject: concurrent misses wait and then usually fit in the new slice.
        await bucket.Claiming.WaitAsync(cancellationToken);
        try
        {
            if (bucket.TrySpend(windowStart, cost, limit, out remaining))
            {
                return new RateDecision(true, limit, remaining, resetAt);
            }
            if (bucket.WindowFull(windowStart, limit))
            {
                return new RateDecision(false, limit, 0, resetAt);
            }
            var amount = bucket.Shortfall(windowStart, cost) + Slice(limit) - 1;
            var (granted, total) = await store.TakeAsync(StateKeys.RateWindow(subject, windowStart), amount, limit, Window + Window, cancellationToken);
            bucket.AddGrant(windowStart, granted, total);
            return bucket.TrySpend(windowStart, cost, limit, out remaining)
                ? new RateDecision(true, limit, remaining, resetAt)
                : new RateDecision(false, limit, 0, resetAt);
        }
        finally
        {
            bucket.Claiming.Release();
        }
    }

    /// <summary>Records units already used in the current window (a finished response's tokens).</summary>
    public void Charge(string subject, long amount)
    {
        if (amount > 0 && _buckets.TryGetValue(subject, out var bucket))
        {
            bucket.Charge(WindowStart(time.GetUtcNow()), amount);
        }
    }

    private long Slice(long limit) => Math.Clamp(limit / 50, 1, Math.Max(1, maxSlice));

    private static DateTimeOffset WindowStart(DateTimeOffset now) => new(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);

    private sealed class Bucket
    {
        private DateTimeOffset _windowStart;
        private long _granted;
        private long _used;
        private long _storeTotal;

        public SemaphoreSlim Claiming { get; } = new(1, 1);

        public bool TrySpend(DateTimeOffset windowStart, long cost, long limit, out long remaining)
        {
            lock (this)
            {
                Roll(windowStart);
                if (_used + Math.Max(cost, 1) <= _granted)
                {
                    _used += cost;
                    // The window's unclaimed part plus this replica's unused slice.
                    remaining = Math.Max(0, limit - _storeTotal) + (_granted - _used);
                    return true;
                }
                remaining = 0;
                return false;
            }
        }

        /// <summary>True once a claim has shown the shared window at its limit.</summary>
        public bool WindowFull(DateTimeOffset windowStart, long limit)
        {
            lock (this)
            {
                Roll(windowStart);
                return _storeTotal >= limit;
            }
        }

        public long Shortfall(DateTimeOffset windowStart, long cost)
        {
            lock (this)
            {
                Roll(windowStart);
                return Math.Max(1, _used + Math.Max(cost, 1) - _granted);
            }
        }

        public void AddGrant(DateTimeOffset windowStart, long granted, long storeTotal)
        {
            lock (this)
            {
                Roll(windowStart);
                _granted += granted;
                _storeTotal = Math.Max(_storeTotal, storeTotal);
            }
        }

        public void Charge(DateTimeOffset windowStart, long amount)
        {
            lock (this)
            {
                Roll(windowStart);
                _used += amount;
            }
        }

        private void Roll(DateTimeOffset windowStart)
        {
            if (_windowStart != windowStart)
            {
                _windowStart = windowStart;
                _granted = _used = _storeTotal = 0;
            }
        }
    }
}

/// <summary>The outcome of a rate-limit check (limit 0 = unlimited).</summary>
internal readonly record struct RateDecision(bool Allowed, long Limit, long Remaining, DateTimeOffset ResetAt);
