using Dapr.AiProvider.Router.Usage;
using Dapr.AiProvider.Router.Pipeline;
using Dapr.AiProvider.Router.Configuration;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Caching;

/// <summary>
/// The answer cache of one kind of call (<typeparamref name="TAnswer"/>) as the pipeline uses it: a small in-memory
/// layer per replica in front of the shared store, and failures contained (a store outage is a miss, never an error for the caller).
/// A cached answer never changes under its key, so the local copy is safe to serve until the shared
/// entry's own expiry; it only saves the state-store round trip on hot keys.
/// </summary>
internal sealed partial class CacheAccess<TAnswer> : IDisposable
    where TAnswer : CachedAnswer
{
    private readonly IAnswerStore<TAnswer> _cache;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly TimeProvider _time;
    private readonly ILogger<CacheAccess<TAnswer>> _logger;
    private readonly CacheOptions _options;
    private readonly MemoryCache? _local;

    public CacheAccess(IAnswerStore<TAnswer> cache, IHostApplicationLifetime lifetime, IOptions<RouterOptions> options, TimeProvider time,
        ILogger<CacheAccess<TAnswer>> logger)
    {
        _cache = cache;
        _lifetime = lifetime;
        _time = time;
        _logger = logger;
        _options = options.Value.Cache;
        _local = _options.LocalSeconds > 0 && _options.LocalEntries > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = _options.LocalEntries }) : null;
    }

    public async Task<TAnswer?> TryGetAsync(string key, CancellationToken cancellationToken)
    {
        if (_local is not null && _local.TryGetValue(key, out TAnswer? local) && local!.ExpiresAt > _time.GetUtcNow())
        {
            return local;
        }
        try
        {
            var stored = await _cache.GetAsync(key, cancellationToken);
            if (stored is not null)
            {
                KeepLocally(key, stored);
            }
            return stored;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.ReadFailed(_logger, ex.GetType().Name);
            return null;
        }
    }

    public async Task StoreAsync(string key, TAnswer value, int ttlSeconds)
    {
        value = (TAnswer)((CachedAnswer)value with { ExpiresAt = _time.GetUtcNow().AddSeconds(ttlSeconds) });
        try
        {
            await _cache.SetAsync(key, value, ttlSeconds, _lifetime.ApplicationStopping);
            KeepLocally(key, value);
        }
        catch (Exception ex)
        {
            Log.WriteFailed(_logger, ex.GetType().Name);
        }
    }

    public void Dispose() => _local?.Dispose();

    /// <summary>Up to <c>LocalSeconds</c>, never past the shared entry's expiry (entries written before it was recorded stay remote).</summary>
    private void KeepLocally(string key, TAnswer value)
    {
        if (_local is null || value.ExpiresAt is not { } expiresAt)
        {
            return;
        }
        var lifetime = TimeSpan.FromSeconds(Math.Min(_options.LocalSeconds, (expiresAt - _time.GetUtcNow()).TotalSeconds));
        if (lifetime > TimeSpan.Zero)
        {
            _local.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = lifetime });
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1601, LogLevel.Warning, "Answer cache read failed ({Failure}); treated as a miss")]
        public static partial void ReadFailed(ILogger logger, string failure);

        [LoggerMessage(1602, LogLevel.Warning, "Answer cache write failed ({Failure})")]
        public static partial void WriteFailed(ILogger logger, string failure);
    }
}
