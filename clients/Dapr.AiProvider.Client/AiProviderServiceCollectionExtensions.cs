using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Dapr.AiProvider.Client;

/// <summary>Registers the gateway's chat client and embedding generator in dependency injection.</summary>
public static class AiProviderServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="IChatClient"/> for the gateway (see <see cref="AiProviderChatClient.Create(AiProviderChatClientOptions)"/>)
    /// (the options are checked here: a missing key throws at registration, not at first use) and returns its <see cref="ChatClientBuilder"/>, so callers can add middleware
    /// (<c>.UseLogging()</c>, <c>.UseOpenTelemetry()</c>, <c>.UseFunctionInvocation()</c> …).
    /// </summary>
    public static ChatClientBuilder AddAiProviderChatClient(this IServiceCollection services, Action<AiProviderChatClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new AiProviderChatClientOptions();
        configure(options);
        AiProviderChatClient.Validate(options);
        return services.AddChatClient(_ => AiProviderChatClient.Create(options));
    }

    /// <summary>
    /// Registers a singleton <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> for the gateway's <c>/v1/embeddings</c>
    /// (see <see cref="AiProviderEmbeddingGenerator.Create(AiProviderChatClientOptions)"/>; set
    /// <see cref="AiProviderChatClientOptions.Model"/> to the embedding model) and returns its builder for middleware.
    /// </summary>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddAiProviderEmbeddingGenerator(
        this IServiceCollection services, Action<AiProviderChatClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new AiProviderChatClientOptions();
        configure(options);
        AiProviderChatClient.Validate(options);
        return services.AddEmbeddingGenerator(_ => AiProviderEmbeddingGenerator.Create(options));
    }
}
