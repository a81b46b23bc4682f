using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Dapr.AiProvider.Router.Api;

/// <summary>
/// A 200 whose JSON body is already UTF-8 bytes (a cached completion, <c>CachedCompletion.OpenAiJson</c>, or an answer
/// serialised whole by <see cref="Serialized{T}"/>): one write with its length, and the content type
/// <c>TypedResults.Json</c> writes, so a hit's answer reads exactly as a fresh one.
/// </summary>
internal sealed class JsonBytesResult(ReadOnlyMemory<byte> utf8Json) : IResult
{
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>
    /// A completion answer, complete before it is written, serialised whole with its type's context options (the bytes
    /// <c>TypedResults.Json(value, typeInfo)</c> writes). <c>TypedResults.Json</c> serialises into the response pipe with
    /// the resumable writer and flushes, so Kestrel sends the body chunked (a chunk, then the terminating chunk); sized,
    /// it is one write with <c>Content-Length</c> (docs/benchmarks-peer.md, "Session 13: the router's CPU per
    /// non-streamed miss").
    /// </summary>
    public static JsonBytesResult Serialized<T>(T value, JsonTypeInfo<T> typeInfo) =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = utf8Json.Length;
        return response.Body.WriteAsync(utf8Json, httpContext.RequestAborted).AsTask();
    }
}
