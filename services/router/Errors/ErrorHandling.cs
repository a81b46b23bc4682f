using Dapr.AiProvider.Router.Api;
using Microsoft.AspNetCore.Diagnostics;

namespace Dapr.AiProvider.Router.Errors;

internal static class ErrorHandling
{
    /// <summary>Unreadable requests and unexpected failures answer in the caller's dialect, never with a stack trace.</summary>
    public static WebApplication UseGatewayErrorHandling(this WebApplication app)
    {
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

    /// <summary>Any other path: 404 in the caller's dialect.</summary>
    public static WebApplication MapNotFoundFallback(this WebApplication app)
    {
        app.MapFallback((HttpContext context, TimeProvider time) => ErrorWriter.ToResult(context,
            GatewayError.NotFound("not_found", $"No route for {context.Request.Method} {context.Request.Path}."), time));
        return app;
    }
}
