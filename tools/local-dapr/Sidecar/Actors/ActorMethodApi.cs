using System.Globalization;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

/// <summary>
/// <c>PUT|POST|GET|DELETE /v1.0/actors/{type}/{id}/method/{method}</c> (dapr pkg/api/http/actors.go), and the
/// internal sidecar-to-sidecar route <c>/_localdapr/actors/{type}/{id}/method/{method}</c> used to reach the
/// instance that hosts an actor.
/// </summary>
internal static class ActorMethodApi
{
    public static IEndpointRouteBuilder MapActorMethods(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/v1.0/actors/{actorType}/{actorId}/method/{**method}", ["PUT", "POST", "GET", "DELETE"],
            (string actorType, string actorId, string? method, HttpContext context, ActorInvoker invoker, ActorResiliency resiliency) =>
                InvokeAsync(actorType, actorId, method, hops: 0, context, invoker, resiliency));
        endpoints.MapMethods("/_localdapr/actors/{actorType}/{actorId}/method/{**method}", ["PUT"],
            (string actorType, string actorId, string? method, HttpContext context, ActorInvoker invoker) =>
                InvokeAsync(actorType, actorId, method, Hops(context.Request), context, invoker, resiliency: null));
        return endpoints;
    }

    private static async Task InvokeAsync(string type, string id, string? method, int hops, HttpContext context,
        ActorInvoker invoker, ActorResiliency? resiliency)
    {
        var ct = context.RequestAborted;
        if (string.IsNullOrEmpty(method) || string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(type))
        {
            await ActorCallResult.Error(400, "ERR_ACTOR_INVOKE_METHOD", "invalid actor type, id or method name")
                .WriteAsync(context.Response, ct);
            return;
        }
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, ct);
        var call = ActorCall.FromRequest(type, id, method, body.ToArray(), context.Request);
        var result = resiliency is null
            ? await invoker.InvokeAsync(call, hops, ct)
            : await resiliency.ExecuteAsync(type, token => invoker.InvokeAsync(call, hops, token), ct);
        await result.WriteAsync(context.Response, ct);
    }

    private static int Hops(HttpRequest request) =>
        int.TryParse(request.Headers[ActorInvoker.HopsHeader], NumberStyles.Integer, CultureInfo.InvariantCulture, out var hops) ? hops : 1;
}
