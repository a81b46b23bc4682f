using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Dapr.AiProvider.Router.Errors;

namespace Dapr.AiProvider.Router.Api;

/// <summary>Reads a JSON request body with a size limit: 413 when too large, 400 with the parser's position when malformed.</summary>
internal static class JsonBody
{
    public static async Task<(T? Value, GatewayError? Error)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, GatewayError.TooLarge(maxBytes));
        }
        var buffer = new ArrayBufferWriter<byte>((int)Math.Clamp(request.ContentLength ?? 4096, 256, maxBytes));
        while (true)
        {
            var memory = buffer.GetMemory(8192);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                break;
            }
            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                return (null, GatewayError.TooLarge(maxBytes));
            }
        }
        if (buffer.WrittenCount == 0)
        {
            return (null, GatewayError.BadRequest("The request body is empty; send a JSON object."));
        }
        try
        {
            var value = JsonSerializer.Deserialize(buffer.WrittenSpan, type);
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
}
