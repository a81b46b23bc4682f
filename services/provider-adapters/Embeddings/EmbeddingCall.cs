using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Embeddings;
using Dapr.AiProvider.ProviderAdapters.Providers;

namespace Dapr.AiProvider.ProviderAdapters.Embeddings;

/// <summary>Everything one upstream embedding call needs: the account, the model, the request, the resolved key.</summary>
internal sealed record EmbeddingCall(ProviderAccount Account, CatalogModel Model, AdapterEmbeddingRequest Request, string? Key);

/// <summary>A provider's embedding answer: one vector per input in input order, and the prompt tokens it reported (null: none).</summary>
internal sealed record WireEmbeddings(IReadOnlyList<float[]> Vectors, int? PromptTokens);
