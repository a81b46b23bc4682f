namespace Dapr.AiProvider.Router.Api;

/// <summary>The gateway request id: the caller's <c>x-request-id</c> when sane, else a new one.</summary>
internal static class RequestIds
{
    public const string ItemKey = "aiprovider.request-id";

    public static string For(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var existing) && existing is string id)
        {
            return id;
        }
        var supplied = context.Request.Headers["x-request-id"].ToString();
        var requestId = supplied.Length is > 0 and <= 128 && supplied.All(IsSafe) ? supplied : "req_" + Guid.CreateVersion7().ToString("N");
        context.Items[ItemKey] = requestId;
        return requestId;
    }

    private static bool IsSafe(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':';
}
