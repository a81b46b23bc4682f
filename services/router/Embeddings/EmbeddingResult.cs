using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Pipeline;

namespace Dapr.AiProvider.Router.Embeddings;

/// <summary>An embedding request's end: the vectors, or the error. Closed.</summary>
internal abstract record EmbeddingResult
{
    private EmbeddingResult(Decision decision) => Decision = decision;

    public Decision Decision { get; }

    /// <param name="ModelId">The answering model's gateway id (<c>provider/model</c>), the answer's <c>model</c>.</param>
    public sealed record Answered(Decision Decision, IReadOnlyList<float[]> Vectors, string ModelId) : EmbeddingResult(Decision);

    public sealed record Failed(Decision Decision, GatewayError Error) : EmbeddingResult(Decision);
}
