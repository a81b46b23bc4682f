using Dapr.AiProvider.Router.Caching;

namespace Dapr.AiProvider.Router.Pipeline;

/// <summary>The response cache with failures contained: a store outage is a miss, never an error for the caller.</summary>
internal sealed partial class CacheAccess(IResponseCache cache, IHostApplicationLifetime lifetime, ILogger<CacheAccess> logger)
{
    public async Task<CachedCompletion?> TryGetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await cache.GetAsync(key, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.ReadFailed(logger, ex.GetType().Name);
            return null;
        }
    }

    /// <summary>Stores in the background (streams: the answer has already ended when the write starts).</summary>
    public void StoreInBackground(string key, CachedCompletion value, int ttlSeconds) => _ = StoreAsync(key, value, ttlSeconds);

    public async Task StoreAsync(string key, CachedCompletion value, int ttlSeconds)
    {
        try
        {
            await cache.SetAsync(key, value, ttlSeconds, lifetime.ApplicationStopping);
        }
        catch (Exception ex)
        {
            Log.WriteFailed(logger, ex.GetType().Name);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1601, LogLevel.Warning, "Response cache read failed ({Failure}); treated as a miss")]
        public static partial void ReadFailed(ILogger logger, string failure);

        [LoggerMessage(1602, LogLevel.Warning, "Response cache write failed ({Failure})")]
        public static partial void WriteFailed(ILogger logger, string failure);
    }
}
