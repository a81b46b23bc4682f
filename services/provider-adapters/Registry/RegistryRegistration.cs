using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderAdapters.Registry;

internal static class RegistryRegistration
{
    /// <summary>Follows the provider registry (<see cref="RegistryFollower"/>).</summary>
    public static IServiceCollection AddProviderRegistryFollower(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<RegistryOptions>().BindConfiguration(RegistryOptions.Section);
        services.AddSingleton<IValidateOptions<RegistryOptions>, RegistryOptionsValidator>();
        services.AddSingleton<RegistryFollower>();
        services.AddHostedService(sp => sp.GetRequiredService<RegistryFollower>());
        return services;
    }
}
