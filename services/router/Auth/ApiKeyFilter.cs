using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.RateLimiting;

namespace Dapr.AiProvider.Router.Auth;

/// <summary>
/// Group-level endpoint filter: reads <c>Authorization: Bearer &lt;key or JWT&gt;</c> or <c>x-api-key</c>,
/// authenticates it and stores the identity for the handler; 401 in the path's dialect otherwise, and 429
/// with <c>Retry-After</c> (before any lookup) for a client (a mesh caller: its app id) that failed too often
/// (<see cref="FailedAuthLimiter"/>).
/// A request that came through the router's own sidecar (<see cref="DaprCaller"/>) carries its caller's app id:
/// with a key, the key's identity is attributed to that app; without one, an app on the mesh list
/// (<see cref="MeshApps"/>) is authenticated by its Dapr identity alone.
/// Failures are logged (path, reason, a key's public prefix at most; never the credential).
/// </summary>
internal sealed partial class ApiKeyFilter(IApiKeyAuthenticator authenticator, FailedAuthLimiter failures, DaprCaller daprCaller,
    MeshApps meshApps, TimeProvider time, ILogger<ApiKeyFilter> logger) : IEndpointFilter
{
    private static readonly object IdentityKey = new();

    // A key service outage is usually a restart (seconds): the caller retries soon rather than at a fixed minute.
    private const int UnverifiableRetrySeconds = 2;

    public static ApiKeyIdentity IdentityOf(HttpContext context) =>
        context.Items.TryGetValue(IdentityKey, out var value) && value is ApiKeyIdentity identity
            ? identity
            : throw new InvalidOperationException("The endpoint is not behind ApiKeyFilter.");

    /// <summary>Replaces the caller's identity (narrowed allow-lists).</summary>
    public static void SetIdentity(HttpContext context, ApiKeyIdentity identity) => context.Items[IdentityKey] = identity;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var callerApp = daprCaller.AppIdOf(http.Request);
        if (failures.IsBlocked(http, callerApp, out var retryAfter))
        {
            Log.AuthThrottled(logger, http.Request.Method, http.Request.Path.Value ?? "");
            return ErrorWriter.ToResult(http, new GatewayError(429, "too_many_failed_authentications",
                "Too many failed authentication attempts from this client; wait before trying again.")
            { RetryAt = time.GetUtcNow() + retryAfter }, time);
        }
        var key = PresentedKey(http.Request);
        if (key is null && callerApp is not null && meshApps.Find(callerApp) is { } app)
        {
            http.Items[IdentityKey] = app;
            return await next(context);
        }
        if (key is null)
        {
            failures.Failed(http, callerApp);
            Log.AuthFailed(logger, http.Request.Method, http.Request.Path.Value ?? "", callerApp is null ? "missing credentials" : "mesh app not admitted", "-");
            return ErrorWriter.ToResult(http, GatewayError.Unauthorized(callerApp is null
                ? "Missing API key: send 'Authorization: Bearer <key>' or 'x-api-key: <key>'."
                : $"Dapr app '{callerApp}' is not admitted by its identity: send an API key, or have an admin add it (PUT /admin/apps/{callerApp})."), time);
        }
        var result = await authenticator.AuthenticateAsync(key, http.RequestAborted);
        if (result.Unverifiable)
        {
            Log.AuthUnverifiable(logger, http.Request.Method, http.Request.Path.Value ?? "", PublicPrefix(key));
            return ErrorWriter.ToResult(http, new GatewayError(503, "quota_service_unavailable", result.Refusal)
                { RetryAt = time.GetUtcNow().AddSeconds(UnverifiableRetrySeconds) }, time);
        }
        if (result.Identity is not { } identity)
        {
            failures.Failed(http, callerApp);
            Log.AuthFailed(logger, http.Request.Method, http.Request.Path.Value ?? "", result.Refusal, PublicPrefix(key));
            return ErrorWriter.ToResult(http, GatewayError.Unauthorized(result.Refusal), time);
        }
        http.Items[IdentityKey] = callerApp is null ? identity : identity with { CallerAppId = callerApp };
        return await next(context);
    }

    internal static string PublicPrefix(string key) => GatewayAuthenticator.PublicPrefix(key);

    private static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization["Bearer ".Length..].Trim();
            return token.Length > 0 ? token : null;
        }
        var apiKey = request.Headers["x-api-key"].ToString().Trim();
        return apiKey.Length > 0 ? apiKey : null;
    }

    private static partial class Log
    {
        [LoggerMessage(2131, LogLevel.Warning, "Authentication failed: {Method} {Path}: {Reason} (key prefix {KeyPrefix})")]
        public static partial void AuthFailed(ILogger logger, string method, string path, string reason, string keyPrefix);

        [LoggerMessage(2133, LogLevel.Warning, "Authentication not possible: {Method} {Path}: the key service is unreachable (key prefix {KeyPrefix})")]
        public static partial void AuthUnverifiable(ILogger logger, string method, string path, string keyPrefix);

        [LoggerMessage(2132, LogLevel.Warning, "Authentication refused without a lookup (too many failures from this client): {Method} {Path}")]
        public static partial void AuthThrottled(ILogger logger, string method, string path);
    }
}
