using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dapr.AiProvider.ServiceDefaults;

/// <summary>
/// When <c>APP_API_TOKEN</c> is configured (the Dapr injector puts it in the app container from
/// <c>dapr.io/app-token-secret</c>, daprd sends it as <c>dapr-api-token</c> on every call to the app), only
/// callers presenting it reach the service: its API, actors and pub/sub deliveries. Probes and metrics
/// (<c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>) stay open for the kubelet and Prometheus.
/// </summary>
public static partial class AppApiTokenGuard
{
    /// <summary>The header daprd sends the app token in.</summary>
    public const string Header = "dapr-api-token";

    /// <summary>The setting (environment variable) that holds the token.</summary>
    public const string Setting = "APP_API_TOKEN";

    public static WebApplication UseAppApiToken(this WebApplication app)
    {
        if (app.Configuration[Setting] is not { Length: > 0 } token)
        {
            return app;
        }
        // Hashing both sides gives equal-length inputs, so the comparison time reveals nothing about the token.
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AppApiTokenGuard).FullName!);
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            if (IsOpenPath(path))
            {
                return next(context);
            }
            var presented = SHA256.HashData(Encoding.UTF8.GetBytes(context.Request.Headers[Header].ToString()));
            if (CryptographicOperations.FixedTimeEquals(presented, expected))
            {
                return next(context);
            }
            Log.Rejected(logger, context.Request.Method, path.Value ?? "");
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                detail: "Only the Dapr sidecar may call this service.").ExecuteAsync(context);
        });
        return app;
    }

    private static bool IsOpenPath(PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/metrics");

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Call without the app API token rejected: {Method} {Path}")]
        public static partial void Rejected(ILogger logger, string method, string path);
    }
}
