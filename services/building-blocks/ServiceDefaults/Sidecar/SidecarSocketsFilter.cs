using Microsoft.Extensions.Http;

namespace Dapr.AiProvider.ServiceDefaults.Sidecar;

/// <summary>
/// The one place every IHttpClientFactory client gets the sidecar's sockets: after a client's own configuration
/// has built its primary handler (typed clients set their own SocketsHttpHandler), its connections go through
/// <see cref="DaprSidecarSockets.ConnectAsync"/>, which only diverts the sidecar's API ports. Null sockets: TCP, untouched.
/// </summary>
internal sealed class SidecarSocketsFilter(DaprSidecarSockets? sockets) : IHttpMessageHandlerBuilderFilter
{
    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) =>
        sockets is not { } divert ? next : builder =>
        {
            next(builder);
            // .NET 9+ builds a SocketsHttpHandler unless a client sets another kind itself (none of ours does); a
            // client that brings its own ConnectCallback keeps it.
            if (builder.PrimaryHandler is SocketsHttpHandler { ConnectCallback: null } handler)
            {
                handler.ConnectCallback = divert.ConnectAsync;
            }
        };
}
