namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary><c>/v1.0/healthz</c> (204 once components and the app are ready) and <c>/v1.0/healthz/outbound</c> (204 once components are).</summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1.0/healthz", (HttpContext c) => Answer(c, c.RequestServices.GetRequiredService<SidecarReadiness>().Ready,
            new DaprError("ERR_HEALTH_NOT_READY", "dapr is not ready")));
        endpoints.MapGet("/v1.0/healthz/outbound", (HttpContext c) => Answer(c, c.RequestServices.GetRequiredService<SidecarReadiness>().OutboundReady,
            new DaprError("ERR_OUTBOUND_HEALTH_NOT_READY", "dapr outbound is not ready")));
        return endpoints;
    }

    private static Task Answer(HttpContext context, bool ready, DaprError notReady)
    {
        if (!ready)
        {
            return notReady.WriteAsync(context, StatusCodes.Status500InternalServerError);
        }
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }
}
