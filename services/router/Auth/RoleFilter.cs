using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Errors;

namespace Dapr.AiProvider.Router.Auth;

/// <summary>After <see cref="ApiKeyFilter"/>: 403 in the path's dialect unless the caller's role is one of <paramref name="roles"/>.</summary>
internal sealed partial class RoleFilter(string[] roles) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var identity = ApiKeyFilter.IdentityOf(http);
        if (Array.IndexOf(roles, identity.Role) >= 0)
        {
            return await next(context);
        }
        var services = http.RequestServices;
        Log.Forbidden(services.GetRequiredService<ILogger<RoleFilter>>(), identity.KeyId, identity.Role, http.Request.Method, http.Request.Path.Value ?? "");
        return ErrorWriter.ToResult(http, new GatewayError(403, "insufficient_role",
            $"Role '{identity.Role}' may not call this endpoint (allowed: {string.Join(", ", roles)})."), services.GetRequiredService<TimeProvider>());
    }

    private static partial class Log
    {
        [LoggerMessage(2141, LogLevel.Warning, "Forbidden: caller {KeyId} with role {Role} on {Method} {Path}")]
        public static partial void Forbidden(ILogger logger, string keyId, string role, string method, string path);
    }
}
