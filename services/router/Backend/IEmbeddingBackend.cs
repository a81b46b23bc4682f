using Dapr.AiProvider.Contracts.Embeddings;
using Dapr.AiProvider.Router.Failover;

namespace Dapr.AiProvider.Router.Backend;

/// <summary>The port to provider-adapters' embedding method (through the Dapr sidecar in production, a fake in tests).</summary>
internal interface IEmbeddingBackend
{
    /// <summary>One embedding call; provider failures come back as a value, never as an exception.</summary>
    Task<AttemptOutcome<AdapterEmbeddingResult>> EmbedAsync(AdapterEmbeddingRequest request, CancellationToken cancellationToken);
}
