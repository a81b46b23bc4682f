namespace Dapr.AiProvider.Router.Embeddings;

/// <summary>The embedding cache port (the Dapr state store in production).</summary>
public interface IEmbeddingCache
{
    Task<CachedEmbeddings?> GetAsync(string key, CancellationToken cancellationToken);

    Task SetAsync(string key, CachedEmbeddings value, int ttlSeconds, CancellationToken cancellationToken);
}
