using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Dapr.AiProvider.Router.Backend;

/// <summary>
/// JSON request bodies for service invocation, serialised up front so they go out with <c>Content-Length</c>.
/// Since daprd 1.17.2 a chunked (streaming) invocation request bypasses the resiliency policy — no retries, no
/// circuit breaker — so the router never sends one (<c>JsonContent</c> and <c>PostAsJsonAsync</c> would).
/// </summary>
internal static class SidecarJson
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    public static ByteArrayContent Content<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.ContentType = Json;
        return content;
    }
}
