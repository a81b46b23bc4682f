namespace Dapr.AiProvider.Router.Api;

/// <summary>
/// The gateway request id (also the usage event id the ledger is idempotent on). Always minted here:
/// a caller-chosen id could collide on purpose and make the ledger drop real usage.
/// </summary>
internal static class RequestIds
{
    public const string ItemKey = "aiprovider.request-id";

    public static string For(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var existing) && existing is string id)
        {
            return id;
        }
        var requestId = "req_" + Guid.CreateVersion7().ToString("N");
        context.Items[ItemKey] = requestId;
        return requestId;
    }
}
