using Dapr.AiProvider.LocalDapr.Sidecar.AccessControl;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Invocation;

/// <summary>
/// Service invocation routes: <c>/v1.0/invoke/{appId}/method/{**method}</c>, any path with a <c>dapr-app-id</c>
/// header (outside <c>/v1.0/…</c>), and the internal sidecar-to-sidecar route.
/// </summary>
internal static class InvocationApi
{
    private static readonly string[] AllMethods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    /// <remarks>
    /// Handlers take their singletons from the root provider: <c>HttpContext.RequestServices</c> would create (and
    /// dispose) a DI scope on every relayed call.
    /// </remarks>
    public static IEndpointRouteBuilder MapInvocationApi(this IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        endpoints.MapMethods("/v1.0/invoke/{appId}/method/{**method}", AllMethods, context => InvokeAsync(context, services));
        endpoints.MapMethods(InvocationHandler.InternalRoute + "{**method}", AllMethods, context => InvokeInternalAsync(context, services));
        return endpoints;
    }

    /// <summary>The <c>dapr-app-id</c> header form, checked before routing.</summary>
    public static IApplicationBuilder UseInvocationByHeader(this IApplicationBuilder app)
    {
        var services = app.ApplicationServices;
        return app.Use((context, next) =>
        {
            var path = context.Request.Path.Value ?? "/";
            return context.Request.Headers.ContainsKey("dapr-app-id")
                && !path.StartsWith("/v1", StringComparison.Ordinal)
                && !path.StartsWith(SidecarMiddleware.InternalPrefix, StringComparison.Ordinal)
                && context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true
                ? InvokeAsync(context, services)
                : next(context);
        });
    }

    private static async Task InvokeInternalAsync(HttpContext context, IServiceProvider services)
    {
        var expected = await services.GetRequiredService<MeshToken>().GetAsync(context.RequestAborted);
        if (!string.Equals(context.Request.Headers[MeshToken.Header].ToString(), expected, StringComparison.Ordinal))
        {
            await new DaprError("ERR_PERMISSION_DENIED", "not a call from a local sidecar").WriteAsync(context, 403);
            return;
        }
        var method = (string?)context.Request.RouteValues["method"] ?? "";
        if (!await AccessControlGate.AllowsAsync(context, services, method))
        {
            return;
        }
        await services.GetRequiredService<AppInvoker>().InvokeAsync(context, method);
    }

    private static Task InvokeAsync(HttpContext context, IServiceProvider services)
    {
        if (InvocationTarget.From(context.Request) is not { } target || target.AppId.Length == 0)
        {
            return new DaprError("ERR_DIRECT_INVOKE", "failed getting app id either from the URL path or the header dapr-app-id")
                .WriteAsync(context, 404);
        }
        return services.GetRequiredService<InvocationHandler>().HandleAsync(context, target.AppId, target.Method);
    }
}
