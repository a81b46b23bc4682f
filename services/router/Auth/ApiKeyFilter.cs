using Dapr.AiProvider.Router.Errors;

namespace Dapr.AiProvider.Router.Auth;

/// <summary>
/// Group-level endpoint filter: reads <c>Authorization: Bearer &lt;key&gt;</c> or <c>x-api-key</c>,
/// authenticates it and stores the identity for the handler; 401 in the path's dialect otherwise.
/// </summary>
internal sealed class ApiKeyFilter(IApiKeyAuthenticator authenticator, TimeProvider time) : IEndpointFilter
{
    private static readonly object IdentityKey = new();

    public static ApiKeyIdentity IdentityOf(HttpContext context) =>
        context.Items.TryGetValue(IdentityKey, out var value) && value is ApiKeyIdentity identity
            ? identity
            : throw new InvalidOperationException("The endpoint is not behind ApiKeyFilter.");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = PresentedKey(http.Request);
        if (key is null)
        {
            return ErrorWriter.ToResult(http, GatewayError.Unauthorized(
                "Missing API key: send 'Authorization: Bearer <key>' or 'x-api-key: <key>'."), time);
        }
        var identity = await authenticator.AuthenticateAsync(key, http.RequestAborted);
        if (identity is null)
        {
            return ErrorWriter.ToResult(http, GatewayError.Unauthorized("Invalid API key."), time);
        }
        http.Items[IdentityKey] = identity;
        return await next(context);
    }

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
}
