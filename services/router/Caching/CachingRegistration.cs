namespace Dapr.AiProvider.Router.Caching;

internal static class CachingRegistration
{
    /// <summary>The response cache (state store behind an in-memory layer), its purges and the coalescing of identical misses.</summary>
    public static IServiceCollection AddResponseCache(this IServiceCollection services) => services
        .AddSingleton<IResponseCache, DaprResponseCache>()
        .AddSingleton<ICachePurgeStore, DaprCachePurgeStore>()
        .AddSingleton<CacheGenerations>()
        .AddHostedService<CacheGenerationRefresher>()
        .AddSingleton<CacheAccess>()
        .AddSingleton<AnswerFlights>();
}
