using Dapr.Actors.Client;
using Dapr.AiProvider.Router.Backend;

namespace Dapr.AiProvider.Router.Hosting;

internal static class ActorProxies
{
    /// <summary>Proxies to quota's <c>QuotaActor</c> through the sidecar (JSON remoting), for budget leases and shared cooldowns.</summary>
    public static IServiceCollection AddActorProxies(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<IActorProxyFactory>(_ => new ActorProxyFactory(new ActorProxyOptions
        {
            UseJsonSerialization = true,
            HttpEndpoint = SidecarEndpoint.HttpEndpoint(configuration).ToString().TrimEnd('/'),
            DaprApiToken = configuration["DAPR_API_TOKEN"],
        }));
}
