using Dapr.AiProvider.Contracts.Adapters;

namespace Dapr.AiProvider.Router.Backend;

/// <summary>The port to provider-adapters (through the Dapr sidecar in production, a fake in tests).</summary>
public interface ICompletionBackend
{
    Task<ModelCatalog> GetCatalogAsync(CancellationToken cancellationToken);

    /// <summary>A non-streaming call; provider failures come back as a value, never as an exception.</summary>
    Task<CompletionOutcome> CompleteAsync(AdapterChatRequest request, CancellationToken cancellationToken);

    /// <summary>Opens a stream; a failure before the stream began comes back as <see cref="StreamOpenOutcome.Error"/>.</summary>
    Task<StreamOpenOutcome> OpenStreamAsync(AdapterChatRequest request, CancellationToken cancellationToken);
}

public sealed record CompletionOutcome(AdapterChatResult? Result, AdapterError? Error)
{
    public static CompletionOutcome Success(AdapterChatResult result) => new(result, null);
    public static CompletionOutcome Failure(AdapterError error) => new(null, error);
}

public sealed record StreamOpenOutcome(IBackendStream? Stream, AdapterError? Error)
{
    public static StreamOpenOutcome Opened(IBackendStream stream) => new(stream, null);
    public static StreamOpenOutcome Failure(AdapterError error) => new(null, error);
}
