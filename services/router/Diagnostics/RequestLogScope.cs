using Dapr.AiProvider.Router.Api;

namespace Dapr.AiProvider.Router.Diagnostics;

/// <summary>
/// Puts the gateway request id (<c>x-aiprovider-request-id</c>, also the ledger's usage id) on every log line of a
/// request, next to ASP.NET Core's <c>RequestId</c> and the trace id, so a caller's id finds its log lines. Wired with
/// <c>app.UseRequestLogScope()</c> before the endpoints.
/// </summary>
internal static class RequestLogScope
{
    public const string Key = "AiProviderRequestId";

    public static IApplicationBuilder UseRequestLogScope(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Dapr.AiProvider.Router.Requests");
        return app.Use(async (context, next) =>
        {
            using (logger.BeginScope(new Dictionary<string, object> { [Key] = RequestIds.For(context) }))
            {
                await next(context);
            }
        });
    }
}
