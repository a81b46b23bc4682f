using Dapr.AiProvider.ServiceDefaults.Sidecar;
using Dapr.AiProvider.Router.State;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Caching;

namespace Dapr.AiProvider.Router.Embeddings;

internal static class EmbeddingsRegistration
{
    /// <summary>The embedding kind of call (its planner and edge; the pipeline is the one of chat), its port to provider-adapters (through the sidecar) and its cache.</summary>
    public static IServiceCollection AddEmbeddings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpClient<IEmbeddingBackend, DaprEmbeddingBackend>(http =>
                SidecarHttpApi.ConfigureInvoke(http, configuration, DaprNames.AppIds.ProviderAdapters, Timeout.InfiniteTimeSpan))
            .ConfigurePrimaryHttpMessageHandler(BackendRegistration.SidecarHandler)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        return services
            .AddSingleton<IAnswerStore<CachedEmbeddings>>(sp =>
                new DaprAnswerStore<CachedEmbeddings>(sp.GetRequiredService<SidecarState>(), SidecarStateJsonContext.Default.CachedEmbeddings, sp.GetRequiredService<TimeProvider>(), StateKeys.CachedEmbeddings))
            .AddSingleton<EmbeddingPlanner>()
            .AddSingleton<EmbeddingResponder>();
    }
}
