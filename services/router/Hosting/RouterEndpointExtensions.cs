using Dapr.AiProvider.Router.Admin;
using Dapr.AiProvider.Router.Api;
using Dapr.AiProvider.Router.Auth;
using Dapr.AiProvider.Router.Errors;
using Microsoft.AspNetCore.Diagnostics;

namespace Dapr.AiProvider.Router.Hosting;

/// <summary>Maps the public API (behind the API-key filter), the OpenAPI document, the 404 fallback and the error handler.</summary>
public static class RouterEndpointExtensions
{
    public static WebApplication UseRouterErrorHandling(this WebApplication app)
    {
        app.UseGatewaySecurity();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            ExceptionHandler = context =>
            {
                var time = context.RequestServices.GetRequiredService<TimeProvider>();
                var feature = context.Features.Get<IExceptionHandlerFeature>();
                var error = feature?.Error is BadHttpRequestException bad
                    ? new GatewayError(bad.StatusCode, bad.StatusCode == 413 ? "request_too_large" : "bad_request", "The request could not be read: " + bad.Message)
                    : new GatewayError(500, "internal_error", "The gateway failed unexpectedly; the request id identifies it in the logs.");
                RequestIds.For(context);
                return ErrorWriter.WriteAsync(context, error, time);
            },
        });
        return app;
    }

    public static WebApplication MapRouterApi(this WebApplication app)
    {
        app.MapOpenApi();
        var api = app.MapGroup("").RequireGatewayAuth(Roles.AiCallers, rateLimited: true);
        api.MapChatCompletions();
        api.MapTaskApi();
        api.MapModels();
        app.MapAdminApi();
        app.MapFallback((HttpContext context, TimeProvider time) => ErrorWriter.ToResult(context,
            GatewayError.NotFound("not_found", $"No route for {context.Request.Method} {context.Request.Path}."), time));
        return app;
    }
}
