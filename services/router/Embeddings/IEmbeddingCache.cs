using Dapr.AiProvider.Router.Caching;

namespace Dapr.AiProvider.Router.Embeddings;

/// <summary>The embedding cache port (the Dapr state store in production).</summary>
internal interface IEmbeddingCache : IAnswerStore<CachedEmbeddings>
{
}
