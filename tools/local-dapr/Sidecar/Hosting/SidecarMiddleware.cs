namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary>
/// What daprd's router does before routing: <c>//</c> and trailing <c>/</c> cleaned, <c>dapr-api-token</c>
/// checked (not on GET healthz) and removed, request bodies limited to <c>--max-body-size</c>.
/// </summary>
internal sealed class SidecarMiddleware(RequestDelegate next, SidecarOptions options)
{
    /// <summary>Prefix of the sidecar-to-sidecar routes (protected by loopback, not by the API token).</summary>
    public const string InternalPrefix = "/_localdapr";

    /// <remarks>Not async: the usual pass-through returns the next task without a state machine of its own.</remarks>
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        request.Path = CleanPath(request.Path);
        var path = request.Path.Value ?? "/";
        var isGrpc = request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;
        var isInternal = path.StartsWith(InternalPrefix, StringComparison.Ordinal);
        if (ApiListeners.IsApiOnPeerPort(options, context, isInternal))
        {
            // daprd has no TCP API port at all with --unix-domain-socket; this port only takes other sidecars' calls.
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        if (options.ApiToken is { } token && !isInternal)
        {
            var sent = request.Headers["dapr-api-token"].ToString();
            if (!string.Equals(sent, token, StringComparison.Ordinal) && !IsHealthz(request.Method, path))
            {
                return RejectTokenAsync(context, isGrpc);
            }
        }
        request.Headers.Remove("dapr-api-token");
        if (!isGrpc && !isInternal && !BodyLimit.Apply(context, options.MaxBodySizeBytes))
        {
            return BodyLimit.RejectAsync(context);
        }
        return next(context);
    }

    private static bool IsHealthz(string method, string path) =>
        HttpMethods.IsGet(method) && path is "/v1.0/healthz" or "/v1.0/healthz/outbound";

    private static Task RejectTokenAsync(HttpContext context, bool isGrpc)
    {
        if (isGrpc)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = "16";
            context.Response.Headers["grpc-message"] = "authentication error: api token mismatch";
            return Task.CompletedTask;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        return context.Response.WriteAsync("invalid api token\n", context.RequestAborted);
    }

    /// <summary>Go's path.Clean for the cases that matter: repeated slashes collapse, a trailing slash goes.</summary>
    internal static PathString CleanPath(PathString path)
    {
        var value = path.Value;
        if (string.IsNullOrEmpty(value) || (!value.Contains("//", StringComparison.Ordinal) && (value.Length == 1 || value[^1] != '/')))
        {
            return path;
        }
        var builder = new System.Text.StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c == '/' && builder.Length > 0 && builder[^1] == '/')
            {
                continue;
            }
            builder.Append(c);
        }
        if (builder.Length > 1 && builder[^1] == '/')
        {
            builder.Length--;
        }
        return new PathString(builder.Length == 0 ? "/" : builder.ToString());
    }
}
