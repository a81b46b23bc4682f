using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Auth;
namespace Dapr.AiProvider.Router.RateLimiting;

/// <summary>A shared counter per rate window (the Dapr state store in production), incremented atomically.</summary>
internal interface IRateWindowStore
{
    /// <summary>Adds up to <paramref name="amount"/> without passing <paramref name="limit"/>; returns what was granted and the new total.</summary>
    Task<(long Granted, long Total)> TakeAsync(string key, long amount, long limit, TimeSpan ttl, CancellationToken cancellationToken);
}
