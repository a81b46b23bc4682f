using Microsoft.Extensions.AI;

namespace Dapr.AiProvider.Client;

/// <summary>
/// Creates an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> for the gateway's OpenAI-compatible
/// <c>/v1/embeddings</c>: the OpenAI SDK's embedding client through Microsoft.Extensions.AI.OpenAI, over plain HTTP or
/// Dapr service invocation, with the gateway's decision on every result. <see cref="AiProviderChatClientOptions.Model"/>
/// names the embedding model: a <c>provider/model</c> id or an alias keeps every vector in one model's space; a route
/// (<c>free</c>, <c>auto</c>) may fail over to another model, whose vectors do not compare with the first one's.
/// </summary>
public static class AiProviderEmbeddingGenerator
{
    /// <summary>A generator over plain HTTP or Dapr service invocation, as <see cref="AiProviderChatClient.Create(AiProviderChatClientOptions)"/>. Dispose it to release its connections.</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> Create(AiProviderChatClientOptions options)
    {
        AiProviderChatClient.Validate(options);
        var (httpClient, baseAddress) = AiProviderChatClient.Connect(options);
        return Build(options, httpClient, baseAddress, ownsHttpClient: true);
    }

    /// <summary>A generator over plain HTTP through the given <see cref="HttpClient"/>; the caller keeps ownership of it. <see cref="AiProviderChatClientOptions.Endpoint"/> is required.</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> Create(AiProviderChatClientOptions options, HttpClient httpClient)
    {
        AiProviderChatClient.Validate(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        if (options.Endpoint is null)
        {
            throw new ArgumentException("Endpoint is required when an HttpClient is given (Dapr invocation builds its own).", nameof(options));
        }
        return Build(options, httpClient, options.Endpoint, ownsHttpClient: false);
    }

    private static GatewayDecisionEmbeddingGenerator Build(AiProviderChatClientOptions options, HttpClient httpClient, Uri baseAddress, bool ownsHttpClient)
    {
        var generator = AiProviderChatClient.OpenAi(options, httpClient, baseAddress)
            .GetEmbeddingClient(options.Model)
            .AsIEmbeddingGenerator();
        return new GatewayDecisionEmbeddingGenerator(generator, ownsHttpClient ? httpClient : null);
    }
}
