using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Dapr.AiProvider.Router.Tests.Backend;

/// <summary>
/// The handler chain of the router's hop to provider-adapters, as the real registration builds it: no log-scope or
/// request-logging handler per call (they cost CPU on every request and log nothing at the configured level;
/// docs/benchmarks-peer.md, "What moved each number"), and no connection cap that would queue streams.
/// </summary>
public sealed class SidecarHandlerChainTests
{
    [Fact]
    public void ProviderAdaptersHop_HasNoLoggingHandlers_AndNoConnectionCap()
    {
        using var factory = new RouterFactory();
        var handlers = factory.Services.GetRequiredService<IHttpMessageHandlerFactory>();

        var chain = Chain(handlers.CreateHandler(nameof(ICompletionBackend))).ToList();

        Assert.DoesNotContain(chain, h => h.GetType().Namespace == "Microsoft.Extensions.Http.Logging");
        var primary = Assert.IsType<SocketsHttpHandler>(chain[^1]);
        Assert.Equal(int.MaxValue, primary.MaxConnectionsPerServer);
    }

    private static IEnumerable<HttpMessageHandler> Chain(HttpMessageHandler handler)
    {
        for (HttpMessageHandler? current = handler; current is not null; current = (current as DelegatingHandler)?.InnerHandler)
        {
            yield return current;
        }
    }
}
