using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

/// <summary>Pub/sub registration: owned by the pub/sub feature (publisher, subscriptions, delivery).</summary>
public static class PubSubExtensions
{
    public static IServiceCollection AddPubSubFeature(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PubSubComponents>();
        services.AddSingleton<RedisPubSubPublisher>();
        services.AddSingleton<IPubSubPublisher>(sp => sp.GetRequiredService<RedisPubSubPublisher>());
        services.AddSingleton<SubscriptionRegistry>();
        services.AddSingleton<ISubscriptionInfo>(sp => sp.GetRequiredService<SubscriptionRegistry>());
        services.AddSingleton<SubscriptionDiscovery>();
        services.AddSingleton<MessageDelivery>();
        services.AddHostedService<SubscriberService>();
        return services;
    }

    public static IEndpointRouteBuilder MapPubSubApi(this IEndpointRouteBuilder endpoints) => endpoints.MapPublish();
}
