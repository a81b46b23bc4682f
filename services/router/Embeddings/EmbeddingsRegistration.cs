using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Router.Backend;

namespace Dapr.AiProvider.Router.Embeddings;

internal static class EmbeddingsRegistration
{
    /// <summary>The embedding path, its port to provider-adapters (through the sidecar) and its cache.</summary>
    public static IServiceCollection AddEmbeddings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpClient<IEmbeddingBackend, DaprEmbeddingBackend>(http =>
                SidecarEndpoint.ConfigureInvoke(http, configuration, DaprNames.AppIds.ProviderAdapters, Timeout.InfiniteTimeSpan))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = System.Net.DecompressionMethods.None,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        return services
            .AddSingleton<IEmbeddingCache, DaprEmbeddingCache>()
            .AddSingleton<EmbeddingPipeline>();
    }
}
