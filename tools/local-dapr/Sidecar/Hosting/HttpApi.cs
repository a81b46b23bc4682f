using System.Text.Json;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary>Runs an HTTP API handler and turns expected failures into daprd's JSON errors.</summary>
internal static class HttpApi
{
    public static async Task RunAsync(HttpContext context, Func<HttpContext, Task> handler)
    {
        try
        {
            await handler(context);
        }
        catch (ApiException e)
        {
            await e.ToError().WriteAsync(context, e.HttpStatus);
        }
        catch (BodyTooLargeException)
        {
            await new DaprError("ERR_BODY_READ", "failed to read request body: " + BodyLimit.Message).WriteAsync(context, 400);
        }
    }

    /// <summary>Reads and parses the JSON body, or throws daprd's ERR_MALFORMED_REQUEST.</summary>
    public static async Task<JsonDocument> ReadJsonAsync(HttpContext context)
    {
        try
        {
            return await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest("ERR_MALFORMED_REQUEST", "failed deserializing HTTP body: " + e.Message);
        }
    }

    /// <summary>Query parameters named <c>metadata.X</c>, as daprd reads them.</summary>
    public static Dictionary<string, string> QueryMetadata(HttpRequest request)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            if (key.StartsWith("metadata.", StringComparison.Ordinal))
            {
                metadata[key["metadata.".Length..]] = value.ToString();
            }
        }
        return metadata;
    }
}
