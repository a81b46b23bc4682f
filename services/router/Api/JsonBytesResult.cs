namespace Dapr.AiProvider.Router.Api;

/// <summary>
/// A 200 whose JSON body is already UTF-8 bytes (a cached completion, <c>CachedCompletion.OpenAiJson</c>): one write with
/// its length, and the content type <c>TypedResults.Json</c> writes, so a hit's answer reads exactly as a fresh one.
/// </summary>
internal sealed class JsonBytesResult(ReadOnlyMemory<byte> utf8Json) : IResult
{
    public const string ContentType = "application/json; charset=utf-8";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = utf8Json.Length;
        return response.Body.WriteAsync(utf8Json, httpContext.RequestAborted).AsTask();
    }
}
