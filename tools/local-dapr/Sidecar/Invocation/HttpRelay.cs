using System.Buffers;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.Features;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Invocation;

/// <summary>Header mapping and body streaming for one proxied hop (no buffering; every chunk is flushed).</summary>
internal static class HttpRelay
{
    private static readonly HashSet<string> DroppedRequestHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer",
        "Transfer-Encoding", "Upgrade", "Host", "Expect", "dapr-api-token", "dapr-app-id", "Content-Length", MeshToken.Header,
    };

    private static readonly HashSet<string> DroppedResponseHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
    };

    /// <summary>Copies the caller's headers onto <paramref name="message"/> (content headers onto its content).</summary>
    public static void CopyRequestHeaders(HttpRequest from, HttpRequestMessage message)
    {
        foreach (var header in from.Headers)
        {
            if (DroppedRequestHeaders.Contains(header.Key))
            {
                continue;
            }
            if (!message.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string?>)header.Value))
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string?>)header.Value);
            }
        }
    }

    public static void CopyResponseHeaders(HttpResponseMessage from, HttpResponse to)
    {
        to.StatusCode = (int)from.StatusCode;
        Copy(from.Headers, to);
        Copy(from.Content.Headers, to);
    }

    /// <summary>
    /// Streams the body to the caller. A body without a Content-Length (SSE, chunked streams) is flushed after
    /// every chunk so events arrive as they are written; a sized body is left to Kestrel's own flushing.
    /// </summary>
    public static async Task CopyBodyAsync(HttpResponseMessage from, HttpContext to, CancellationToken ct)
    {
        var flushEach = from.Content.Headers.ContentLength is null;
        if (flushEach)
        {
            to.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        }
        await using var source = await from.Content.ReadAsStreamAsync(ct);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
            {
                await to.Response.Body.WriteAsync(buffer.AsMemory(0, read), ct);
                if (flushEach)
                {
                    await to.Response.Body.FlushAsync(ct);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Copy(HttpHeaders headers, HttpResponse to)
    {
        foreach (var header in headers.NonValidated)
        {
            if (!DroppedResponseHeaders.Contains(header.Key))
            {
                to.Headers[header.Key] = header.Value.Count == 1
                    ? new Microsoft.Extensions.Primitives.StringValues(header.Value.ToString())
                    : header.Value.ToArray();
            }
        }
    }
}
