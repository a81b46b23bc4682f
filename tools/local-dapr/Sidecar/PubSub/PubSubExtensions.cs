using Microsoft.AspNetCore.Routing;

namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>Pub/sub registration: owned by the pub/sub feature (publisher, subscriptions, delivery).</summary>
public static class PubSubExtensions
{
    public static IServiceCollection AddPubSubFeature(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapPubSubApi(this IEndpointRouteBuilder endpoints) => endpoints;
}
