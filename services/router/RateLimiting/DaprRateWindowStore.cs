using Dapr.AiProvider.Router.State;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Auth;
using System.Globalization;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Router.Hosting;

namespace Dapr.AiProvider.Router.RateLimiting;

/// <summary>Fixed-window counters <c>ratelimit:{caller}:{window}</c> in <c>statestore</c>: ETag-guarded read-modify-write with a TTL.</summary>
internal sealed class DaprRateWindowStore(SidecarState state) : IRateWindowStore
{
    private const int MaxAttempts = 16;

    public async Task<(long Granted, long Total)> TakeAsync(string key, long amount, long limit, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string> { ["ttlInSeconds"] = ((int)Math.Ceiling(ttl.TotalSeconds)).ToString(CultureInfo.InvariantCulture) };
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (count, etag) = await state.GetAsync(key, SidecarStateJsonContext.Default.Int64, cancellationToken);
            var grant = Math.Min(amount, limit - count);
            if (grant <= 0)
            {
                return (0, count);
            }
            if (await state.TrySaveAsync(key, count + grant, SidecarStateJsonContext.Default.Int64, StateConcurrency.ETagFor(etag),
                    metadata, cancellationToken))
            {
                return (grant, count + grant);
            }
        }
        throw new InvalidOperationException($"Rate window {key} stayed contended for {MaxAttempts} attempts.");
    }
}
