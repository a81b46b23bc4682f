using System.Text.Json;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

namespace Dapr.AiProvider.LocalDapr.Sidecar.State;

/// <summary>daprd's HTTP state API: <c>/v1.0/state/{store}</c> (save), <c>/{key}</c> (get, delete), <c>/bulk</c>, <c>/transaction</c>.</summary>
internal static class StateHttpApi
{
    public static IEndpointRouteBuilder MapStateApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1.0/state/{storeName}");
        group.MapPost("", c => HttpApi.RunAsync(c, SaveAsync));
        group.MapPost("/bulk", c => HttpApi.RunAsync(c, BulkAsync));
        group.MapMethods("/transaction", ["POST", "PUT"], c => HttpApi.RunAsync(c, TransactionAsync));
        group.MapGet("/{key}", c => HttpApi.RunAsync(c, GetAsync));
        group.MapDelete("/{key}", c => HttpApi.RunAsync(c, DeleteAsync));
        return endpoints;
    }

    private static StateService Service(HttpContext c) => c.RequestServices.GetRequiredService<StateService>();
    private static string Route(HttpContext c, string name) => Uri.UnescapeDataString((string)c.Request.RouteValues[name]!);

    private static async Task GetAsync(HttpContext c)
    {
        var entry = await Service(c).GetAsync(Route(c, "storeName"), Route(c, "key"), c.RequestAborted);
        if (entry is null || entry.Value.Length == 0 && entry.ETag.Length == 0)
        {
            c.Response.StatusCode = 204;
            return;
        }
        if (entry.ETag.Length > 0)
        {
            c.Response.Headers.ETag = entry.ETag;
        }
        c.Response.StatusCode = 200;
        c.Response.ContentType = "application/json";
        await c.Response.Body.WriteAsync(entry.Value, c.RequestAborted);
    }

    private static async Task SaveAsync(HttpContext c)
    {
        using var doc = await HttpApi.ReadJsonAsync(c);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.BadRequest("ERR_MALFORMED_REQUEST", "failed deserializing HTTP body: expected a JSON array of state items");
        }
        var items = doc.RootElement.EnumerateArray().Select(StateJson.ParseItem).ToList();
        await Service(c).SaveAsync(Route(c, "storeName"), items, c.RequestAborted);
        c.Response.StatusCode = 204;
    }

    private static async Task DeleteAsync(HttpContext c)
    {
        var etag = c.Request.Headers.IfMatch.ToString();
        var concurrency = c.Request.Query["concurrency"].ToString();
        await Service(c).DeleteAsync(Route(c, "storeName"), Route(c, "key"), etag.Length > 0 ? etag : null,
            concurrency.Length > 0 ? concurrency : null, c.RequestAborted);
        c.Response.StatusCode = 204;
    }

    private static async Task BulkAsync(HttpContext c)
    {
        using var doc = await HttpApi.ReadJsonAsync(c);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("keys", out var keysElement) || keysElement.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.BadRequest("ERR_MALFORMED_REQUEST", "failed deserializing HTTP body: 'keys' must be an array");
        }
        var keys = keysElement.EnumerateArray().Select(k => k.GetString() ?? "").ToList();
        var parallelism = root.TryGetProperty("parallelism", out var p) && p.TryGetInt32(out var n) ? n : 0;
        var results = await Service(c).GetBulkAsync(Route(c, "storeName"), keys, parallelism, c.RequestAborted);
        c.Response.StatusCode = 200;
        c.Response.ContentType = "application/json";
        await StateJson.WriteBulkAsync(c.Response.Body, results, c.RequestAborted);
    }

    private static async Task TransactionAsync(HttpContext c)
    {
        using var doc = await HttpApi.ReadJsonAsync(c);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("operations", out var ops) || ops.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.BadRequest("ERR_MALFORMED_REQUEST", "failed deserializing HTTP body: 'operations' must be an array");
        }
        var items = new List<TransactionItem>();
        foreach (var op in ops.EnumerateArray())
        {
            var kind = op.TryGetProperty("operation", out var o) ? o.GetString() ?? "" : "";
            if (!op.TryGetProperty("request", out var request))
            {
                throw ApiException.BadRequest("ERR_MALFORMED_REQUEST", "failed deserializing HTTP body: operation without 'request'");
            }
            items.Add(new TransactionItem(kind, StateJson.ParseItem(request)));
        }
        await Service(c).TransactAsync(Route(c, "storeName"), items, c.RequestAborted);
        c.Response.StatusCode = 204;
    }
}
