using Dapr.AiProvider.ProviderAdapters.Errors;

namespace Dapr.AiProvider.ProviderAdapters.Embeddings;

/// <summary>One provider family's embedding wire format: its request, its answer, its failure signals.</summary>
internal interface IEmbeddingFamily
{
    IErrorClassifier Classifier { get; }

    HttpRequestMessage CreateRequest(EmbeddingCall call);

    /// <summary>The vectors in input order and the provider's token count (null when it reports none).</summary>
    ValueTask<WireEmbeddings> ReadAsync(Stream body, EmbeddingCall call, CancellationToken cancellationToken);
}
