using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderAdapters.Api;

/// <summary>
/// A 200 JSON answer serialised whole and sent with <c>Content-Length</c>. <c>TypedResults.Ok</c> serialises into the
/// response pipe and sends the body chunked, and every hop back to the router pays for that: each sidecar relays an
/// unsized body by flushing every chunk it reads (<c>tools/local-dapr/Sidecar/Invocation/HttpRelay.cs</c>, as daprd
/// streams an unsized answer), so the answer leaves each process as a chunk and then a terminating chunk, and the
/// router parses chunked framing. The answer is complete before it is written, so its size is known; the router's
/// own requests to the sidecar are sized for the same reason (<c>services/router/Backend/SidecarJson.cs</c>).
/// Figures: docs/benchmarks-peer.md, "What moved each number".
/// </summary>
internal static class SizedJson
{
    private const string ContentType = "application/json; charset=utf-8";

    /// <remarks>
    /// Serialised with the options <c>TypedResults.Ok</c> uses (the app's HTTP <see cref="JsonOptions"/>, whose resolver
    /// chain starts with <c>ContractsJsonContext</c>), so the bytes are the ones it wrote; only the framing changes.
    /// </remarks>
    public static FileContentHttpResult Ok<T>(HttpContext context, T value)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var typeInfo = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        return TypedResults.Bytes(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), ContentType);
    }
}
