using Dapr.AiProvider.Contracts;

namespace Dapr.AiProvider.Router.Backend;

internal static class BackendRegistration
{
    /// <summary>The port to provider-adapters: invocation through the sidecar on one long-lived handler.</summary>
    public static IServiceCollection AddProviderAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpClient<ICompletionBackend, DaprCompletionBackend>(http =>
                SidecarEndpoint.ConfigureInvoke(http, configuration, DaprNames.AppIds.ProviderAdapters, Timeout.InfiniteTimeSpan))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                MaxConnectionsPerServer = 256,
                AutomaticDecompression = System.Net.DecompressionMethods.None,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        return services;
    }
}
