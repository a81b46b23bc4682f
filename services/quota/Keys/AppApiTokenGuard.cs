using System.Security.Cryptography;
using System.Text;

namespace Dapr.AiProvider.Quota.Keys;

/// <summary>
/// When <c>APP_API_TOKEN</c> is configured, only callers presenting it as <c>dapr-api-token</c> (the
/// sidecar does) reach the service: the key API, actors and pub/sub deliveries. Probes and metrics
/// (<c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>) stay open for the kubelet and Prometheus.
/// </summary>
internal static partial class AppApiTokenGuard
{
    public const string Header = "dapr-api-token";

    public static WebApplication UseAppApiToken(this WebApplication app)
    {
        if (app.Configuration["APP_API_TOKEN"] is not { Length: > 0 } token)
        {
            return app;
        }
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AppApiTokenGuard).FullName!);
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/metrics"))
            {
                return next(context);
            }
            var presented = SHA256.HashData(Encoding.UTF8.GetBytes(context.Request.Headers[Header].ToString()));
            if (CryptographicOperations.FixedTimeEquals(presented, expected))
            {
                return next(context);
            }
            Log.Rejected(logger, context.Request.Method, path.Value ?? "");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Results.Problem(statusCode: 401, title: "Unauthorized", detail: "Only the Dapr sidecar may call this service.").ExecuteAsync(context);
        });
        return app;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Call without the app API token rejected: {Method} {Path}")]
        public static partial void Rejected(ILogger logger, string method, string path);
    }
}
