using Dapr.AiProvider.Router.State;

namespace Dapr.AiProvider.Router.Caching;

internal static class CachingRegistration
{
    /// <summary>
    /// The answer caches (state store behind an in-memory layer; one per kind of answer, embeddings add theirs in <c>AddEmbeddings</c>),
    /// their purges and the coalescing of identical misses.
    /// </summary>
    public static IServiceCollection AddResponseCache(this IServiceCollection services) => services
        .AddSingleton<IAnswerStore<CachedCompletion>>(sp => new DaprAnswerStore<CachedCompletion>(sp.GetRequiredService<SidecarState>(), SidecarStateJsonContext.Default.CachedCompletion, sp.GetRequiredService<TimeProvider>(), StateKeys.CachedAnswer))
        .AddSingleton(typeof(CacheAccess<>))
        .AddSingleton(typeof(AnswerFlights<>))
        .AddSingleton<ICachePurgeStore, DaprCachePurgeStore>()
        .AddSingleton<CacheGenerations>()
        .AddSharedRecordMirror<CacheGenerations>();
}
