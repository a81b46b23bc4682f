using Microsoft.Extensions.AI;

namespace Dapr.AiProvider.Client;

/// <summary>
/// Puts the gateway's decision on every result of the inner OpenAI embedding generator (the whole
/// <see cref="GeneratedEmbeddings{TEmbedding}"/> and each embedding), and disposes the <see cref="HttpClient"/> the
/// factory created for it.
/// </summary>
internal sealed class GatewayDecisionEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, HttpClient? ownedHttpClient)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var capture = DecisionCapture.Begin();
        var embeddings = await base.GenerateAsync(values, options, cancellationToken).ConfigureAwait(false);
        if (capture.Decision is { } decision)
        {
            (embeddings.AdditionalProperties ??= [])[GatewayDecision.AdditionalPropertiesKey] = decision;
            foreach (var embedding in embeddings)
            {
                (embedding.AdditionalProperties ??= [])[GatewayDecision.AdditionalPropertiesKey] = decision;
            }
        }
        return embeddings;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ownedHttpClient?.Dispose();
        }
        base.Dispose(disposing);
    }
}
