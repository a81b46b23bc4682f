namespace Dapr.AiProvider.Router.Cooldowns;

internal static class CooldownsRegistration
{
    /// <summary>Providers (or models) out of quota or rate-limited until their reset: local at once, shared through quota.</summary>
    public static IServiceCollection AddCooldowns(this IServiceCollection services) => services
        .AddSingleton<ICooldownNotifier, QuotaActorCooldownNotifier>()
        .AddSingleton<ProviderCooldowns>()
        .AddSingleton<CooldownCoordinator>()
        .AddHostedService<CooldownSync>();
}
