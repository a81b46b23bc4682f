namespace Dapr.AiProvider.Quota.Keys;

/// <summary>Registers the API-key store, the pepper and the key API's JSON.</summary>
internal static class KeyServiceExtensions
{
    public static IServiceCollection AddApiKeys(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Add(QuotaKeysJsonContext.Default));
        services.AddSingleton<ApiKeyPepper>();
        services.AddSingleton<ApiKeyStore>();
        return services;
    }
}
