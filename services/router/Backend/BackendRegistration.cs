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
            .ConfigurePrimaryHttpMessageHandler(SidecarHandler)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        return services;
    }

    /// <summary>The handler of every call to provider-adapters through the sidecar (chat, streams, embeddings).</summary>
    internal static SocketsHttpHandler SidecarHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        // No cap (the default, said here because it matters): a stream holds its HTTP/1.1 connection to the sidecar until
        // its last byte, so a cap here would queue stream number cap+1 silently (docs/benchmarks-peer.md, the "streams" scenario).
        MaxConnectionsPerServer = int.MaxValue,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        // The sidecar relays provider-adapters' status, which is never a redirect to follow: without this the handler
        // chain has a RedirectHandler, one more async layer on every call (dotnet/runtime
        // src/libraries/System.Net.Http/src/System/Net/Http/SocketsHttpHandler/SocketsHttpHandler.cs, SetupHandlerChain),
        // and a 3xx is read as the failure it is.
        AllowAutoRedirect = false,
    };
}
