using System.Buffers;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Invocation;

/// <summary>Header mapping and body streaming for one proxied hop (no buffering; every chunk is flushed).</summary>
internal static class HttpRelay
{
    private static readonly HashSet<string> DroppedRequestHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer",
        "Transfer-Encoding", "Upgrade", "Host", "Expect", "dapr-api-token", "dapr-app-id", "Content-Length", MeshToken.Header,
        AccessControl.MeshIdentity.Header,
    };

    /// <summary>Characters no path escaping changes (RFC 3986 unreserved, and the separator): the usual method needs no new string.</summary>
    private static readonly SearchValues<char> UnescapedPathChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/");

    private static readonly HashSet<string> DroppedResponseHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
    };

    /// <summary>
    /// Copies the caller's headers onto <paramref name="message"/> (content headers onto its content). A single
    /// value goes as a string and several as their array, so nothing is boxed or enumerated per header.
    /// </summary>
    public static void CopyRequestHeaders(HttpRequest from, HttpRequestMessage message)
    {
        foreach (var (name, values) in from.Headers)
        {
            if (DroppedRequestHeaders.Contains(name))
            {
                continue;
            }
            if (!TryAdd(message.Headers, name, values))
            {
                message.Content ??= new ByteArrayContent([]);
                TryAdd(message.Content.Headers, name, values);
            }
        }
    }

    private static bool TryAdd(HttpHeaders headers, string name, StringValues values) =>
        values.Count == 1 ? headers.TryAddWithoutValidation(name, values.ToString()) : headers.TryAddWithoutValidation(name, values.ToArray());

    /// <summary>The method path as it goes on the wire (percent-encoded where needed), without its leading slash.</summary>
    public static string EscapePath(string method)
    {
        if (!method.AsSpan().ContainsAnyExcept(UnescapedPathChars))
        {
            return method;
        }
        var escaped = new PathString("/" + method).ToUriComponent();
        return escaped.Length == method.Length + 1 && escaped.EndsWith(method, StringComparison.Ordinal) ? method : escaped[1..];
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
                to.Headers[header.Key] = header.Value.Count == 1 ? new StringValues(header.Value.ToString()) : header.Value.ToArray();
            }
        }
    }
}
