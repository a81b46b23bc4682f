using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Errors;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Api;

/// <summary>Reads a JSON request body with a size limit: 413 when too large, 400 when not UTF-8, too deep or malformed (with the parser's position).</summary>
internal static class JsonBody
{
    public static async Task<(T? Value, GatewayError? Error)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, GatewayError.TooLarge(maxBytes));
        }
        // Pooled: a fresh buffer per request (sized for the worst case, then grown past it) was a quarter of the router's
        // allocation per request (docs/benchmarks-peer.md). Deserializing copies what it keeps (JsonElement members own
        // their bytes), so the buffer goes back to the pool before this returns.
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp((request.ContentLength ?? 4096) + 1, 256, maxBytes + 1L));
        try
        {
            var written = 0;
            while (true)
            {
                if (written == buffer.Length)
                {
                    if (written > maxBytes)
                    {
                        return (null, GatewayError.TooLarge(maxBytes));
                    }
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(2L * buffer.Length, maxBytes + 1L));
                    buffer.AsSpan(0, written).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(written), cancellationToken);
                if (read == 0)
                {
                    break;
                }
                written += read;
            }
            if (written > maxBytes)
            {
                return (null, GatewayError.TooLarge(maxBytes));
            }
            return Parse(buffer.AsSpan(0, written), type, MaxDepth(request));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (T? Value, GatewayError? Error) Parse<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> type, int maxDepth)
        where T : class
    {
        if (json.IsEmpty)
        {
            return (null, GatewayError.BadRequest("The request body is empty; send a JSON object."));
        }
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            // Checked whole: the parser would only notice inside strings it unescapes, later and as a misleading error.
            return (null, GatewayError.BadRequest("The request body is not valid UTF-8."));
        }
        try
        {
            var value = Deserialize(json, type, maxDepth);
            return value is null
                ? (null, GatewayError.BadRequest("The request body must be a JSON object, not null."))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {ex.BytePositionInLine})" : "";
            var path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? null : ex.Path;
            return (null, GatewayError.BadRequest($"The request body is not valid JSON for this endpoint{where}{(path is null ? "" : " at " + path)}.", path));
        }
    }

    /// <summary>
    /// One JSON value with <c>Router:Limits:MaxJsonDepth</c>; the reader also refuses invalid UTF-8 and anything after
    /// the value (both a <see cref="JsonException"/>, so a 400).
    /// </summary>
    private static T? Deserialize<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> type, int maxDepth)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
        var value = JsonSerializer.Deserialize(ref reader, type);
        if (reader.Read())
        {
            throw new JsonException("Unexpected content after the JSON value.");
        }
        return value;
    }

    /// <summary>Read from the request's services so every endpoint reading a body shares the one setting.</summary>
    private static int MaxDepth(HttpRequest request) =>
        request.HttpContext.RequestServices.GetService<IOptions<RouterOptions>>()?.Value.Limits.MaxJsonDepth ?? 64;
}
