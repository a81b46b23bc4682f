namespace Dapr.AiProvider.Router.Caching;

/// <summary>The response cache port (the Dapr state store in production).</summary>
public interface IResponseCache
{
    Task<CachedCompletion?> GetAsync(string key, CancellationToken cancellationToken);

    Task SetAsync(string key, CachedCompletion value, int ttlSeconds, CancellationToken cancellationToken);
}
