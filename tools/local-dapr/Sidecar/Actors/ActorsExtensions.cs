using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

/// <summary>Actors registration: owned by the actors feature (placement, turns, state, timers, reminders).</summary>
public static class ActorsExtensions
{
    public static IServiceCollection AddActorsFeature(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ActorTable>();
        services.AddSingleton<ActorRuntime>();
        services.AddSingleton<IActorRuntimeInfo>(sp => sp.GetRequiredService<ActorRuntime>());
        services.AddSingleton<Hosting.IActorTypesInfo>(sp => sp.GetRequiredService<ActorRuntime>());
        services.AddSingleton<ActorPlacement>();
        services.AddSingleton<ActorAppClient>();
        services.AddSingleton<ActorInvoker>();
        services.AddSingleton<ActorResiliency>();
        services.AddSingleton<ActorConfigLoader>();
        services.AddSingleton<ReminderStore>();
        services.AddHostedService<ActorMaintenanceService>();
        services.AddHostedService<ReminderService>();
        return services;
    }

    public static IEndpointRouteBuilder MapActorsApi(this IEndpointRouteBuilder endpoints) => endpoints
        .MapActorMethods()
        .MapActorState()
        .MapActorReminders()
        .MapActorTimers();
}
