using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Failover;

namespace Dapr.AiProvider.Router.Backend;

/// <summary>The port to provider-adapters (through the Dapr sidecar in production, a fake in tests).</summary>
internal interface ICompletionBackend
{
    Task<ModelCatalog> GetCatalogAsync(CancellationToken cancellationToken);

    /// <summary>A non-streaming call; provider failures come back as a value, never as an exception.</summary>
    Task<AttemptOutcome<AdapterChatResult>> CompleteAsync(AdapterChatRequest request, CancellationToken cancellationToken);

    /// <summary>Opens a stream; a failure before the stream began comes back as a failed outcome, never as an exception.</summary>
    Task<AttemptOutcome<IBackendStream>> OpenStreamAsync(AdapterChatRequest request, CancellationToken cancellationToken);
}
