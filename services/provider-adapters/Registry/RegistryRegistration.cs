using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.ServiceDefaults.Sidecar;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderAdapters.Registry;

internal static class RegistryRegistration
{
    /// <summary>Follows the provider registry (<see cref="RegistryFollower"/>), read from quota through the sidecar.</summary>
    public static IServiceCollection AddProviderRegistryFollower(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<RegistryOptions>().BindConfiguration(RegistryOptions.Section);
        services.AddSingleton<IValidateOptions<RegistryOptions>, RegistryOptionsValidator>();
        // The follower bounds each call itself (10 s); the client's timeout only ends a call nobody waits for any more.
        services.AddHttpClient<QuotaRegistryClient>((sp, http) =>
            SidecarHttpApi.ConfigureInvoke(http, sp.GetRequiredService<IConfiguration>(), DaprNames.AppIds.Quota, TimeSpan.FromSeconds(30)));
        services.AddSingleton<RegistryFollower>();
        services.AddHostedService(sp => sp.GetRequiredService<RegistryFollower>());
        return services;
    }
}
