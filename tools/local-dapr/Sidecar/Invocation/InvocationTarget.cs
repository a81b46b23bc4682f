namespace Dapr.AiProvider.LocalDapr.Sidecar.Invocation;

/// <summary>Where an invocation request is going: from <c>/v1.0/invoke/{appId}/method/{method}</c> or the <c>dapr-app-id</c> header.</summary>
internal static class InvocationTarget
{
    private const string Prefix = "/v1.0/invoke/";

    /// <summary>The target app id and method, or null when the request names none.</summary>
    public static (string AppId, string Method)? From(HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        if (request.Headers["dapr-app-id"].ToString() is { Length: > 0 } header && !path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return (header, path.TrimStart('/'));
        }
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var rest = path.AsSpan(Prefix.Length);
        var slash = rest.IndexOf('/');
        if (slash <= 0 || !rest[slash..].StartsWith("/method/", StringComparison.Ordinal))
        {
            return null;
        }
        var appId = Uri.UnescapeDataString(rest[..slash].ToString());
        return (appId, rest[(slash + "/method/".Length)..].ToString());
    }

    public static string AppIdForError(HttpContext context) => From(context.Request)?.AppId ?? "";
}
