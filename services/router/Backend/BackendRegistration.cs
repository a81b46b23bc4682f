using Dapr.AiProvider.ServiceDefaults.Sidecar;
using Dapr.AiProvider.Contracts;

namespace Dapr.AiProvider.Router.Backend;

internal static class BackendRegistration
{
    /// <summary>The port to provider-adapters: invocation through the sidecar on one long-lived handler.</summary>
    public static IServiceCollection AddProviderAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpClient<ICompletionBackend, DaprCompletionBackend>(http =>
                SidecarHttpApi.ConfigureInvoke(http, configuration, DaprNames.AppIds.ProviderAdapters, Timeout.InfiniteTimeSpan))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                // No cap: a stream holds its HTTP/1.1 connection to the sidecar until its last byte, so a cap here would
                // queue stream number cap+1 silently (docs/benchmarks-peer.md, the "streams" scenario).
                MaxConnectionsPerServer = int.MaxValue,
                AutomaticDecompression = System.Net.DecompressionMethods.None,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        return services;
    }
}
