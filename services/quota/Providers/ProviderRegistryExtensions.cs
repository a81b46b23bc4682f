namespace Dapr.AiProvider.Quota.Providers;

/// <summary>Registers the provider registry's store and its API's JSON.</summary>
internal static class ProviderRegistryExtensions
{
    public static IServiceCollection AddProviderRegistry(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Add(ProviderJsonContext.Default));
        services.AddSingleton<ProviderStore>();
        return services;
    }
}
