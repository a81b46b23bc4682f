namespace Dapr.AiProvider.Router.Caching;

internal static class CachingRegistration
{
    /// <summary>
    /// The answer caches (state store behind an in-memory layer; one per kind of answer, embeddings add theirs in <c>AddEmbeddings</c>),
    /// their purges and the coalescing of identical misses.
    /// </summary>
    public static IServiceCollection AddResponseCache(this IServiceCollection services) => services
        .AddSingleton<IResponseCache, DaprResponseCache>()
        // Resolved through the ports, so that a test replacing a port replaces what the pipeline uses.
        .AddSingleton<IAnswerStore<CachedCompletion>>(sp => sp.GetRequiredService<IResponseCache>())
        .AddSingleton(typeof(CacheAccess<>))
        .AddSingleton(typeof(AnswerFlights<>))
        .AddSingleton<ICachePurgeStore, DaprCachePurgeStore>()
        .AddSingleton<CacheGenerations>()
        .AddHostedService<CacheGenerationRefresher>();
}
