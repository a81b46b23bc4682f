using Microsoft.AspNetCore.Routing;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

/// <summary>Actors registration: owned by the actors feature (placement, turns, state, timers, reminders).</summary>
public static class ActorsExtensions
{
    public static IServiceCollection AddActorsFeature(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapActorsApi(this IEndpointRouteBuilder endpoints) => endpoints;
}
