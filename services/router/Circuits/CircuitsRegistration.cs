namespace Dapr.AiProvider.Router.Circuits;

internal static class CircuitsRegistration
{
    /// <summary>Circuit breakers per provider and model, shared by every replica through the state store.</summary>
    public static IServiceCollection AddCircuits(this IServiceCollection services) => services
        .AddSingleton<ICircuitStore, DaprCircuitStore>()
        .AddSingleton<CircuitBreakerRegistry>()
        .AddHostedService<CircuitRefresher>();
}
