namespace Dapr.AiProvider.Router.Routing;

internal static class RoutingRegistration
{
    /// <summary>Route plans: model resolution, capability and context filters, health filter, strategy order.
    /// (Not <c>AddRouting</c>: that name is ASP.NET Core's endpoint routing.)</summary>
    public static IServiceCollection AddProviderRouting(this IServiceCollection services) => services
        .AddSingleton<TokenCounter>()
        .AddSingleton<LatencyTracker>()
        .AddSingleton<InFlightTracker>()
        .AddSingleton(Random.Shared)
        .AddSingleton<CandidateOrdering>()
        .AddSingleton<ModelResolver>()
        .AddSingleton<ICandidateHealth, CandidateHealth>()
        .AddSingleton<RoutingEngine>();
}
