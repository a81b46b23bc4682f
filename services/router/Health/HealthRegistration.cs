namespace Dapr.AiProvider.Router.Health;

internal static class HealthRegistration
{
    /// <summary>Provider health folded from every replica's outcomes into the state store (<c>GET /admin/providers</c>).</summary>
    public static IServiceCollection AddProviderHealth(this IServiceCollection services) => services
        .AddSingleton<IProviderHealthStore, DaprProviderHealthStore>()
        .AddSingleton<ProviderHealthTracker>()
        .AddHostedService<ProviderHealthSync>();
}
