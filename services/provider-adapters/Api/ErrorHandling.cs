using Microsoft.AspNetCore.Diagnostics;

namespace Dapr.AiProvider.ProviderAdapters.Api;

/// <summary>
/// Unhandled failures become ProblemDetails without stack traces; a malformed request body
/// (<see cref="BadHttpRequestException"/>, e.g. invalid JSON) keeps its 400 instead of turning into a 500.
/// </summary>
internal static class ErrorHandling
{
    public static IApplicationBuilder UseAdapterErrorHandling(this IApplicationBuilder app) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
}
