using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderSimulator.Core;

/// <summary>GET endpoints (model lists, catalogs) behind the same key check as the family's chat endpoint.</summary>
internal static class CatalogEndpoint
{
    public static IEndpointRouteBuilder MapAuthenticatedGet(this IEndpointRouteBuilder app, string path, string provider,
        Func<HttpRequest, string, ErrorReply?> authenticate, Func<HttpResponse, CancellationToken, Task> write)
    {
        app.MapGet(path, (HttpContext context, IOptionsMonitor<SimulatorOptions> options) =>
        {
            var denied = authenticate(context.Request, options.CurrentValue.KeyFor(provider));
            return denied is not null
                ? denied.WriteAsync(context.Response, context.RequestAborted)
                : write(context.Response, context.RequestAborted);
        });
        return app;
    }
}
