namespace Dapr.AiProvider.Router.Catalog;

internal static class CatalogRegistration
{
    /// <summary>The adapters' model catalog as an immutable snapshot, refreshed in the background.</summary>
    public static IServiceCollection AddCatalog(this IServiceCollection services) => services
        .AddSingleton<CatalogStore>()
        .AddHostedService<CatalogRefresher>();
}
