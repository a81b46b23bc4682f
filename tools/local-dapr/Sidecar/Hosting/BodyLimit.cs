using Microsoft.AspNetCore.Http.Features;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary>
/// <c>--max-body-size</c>: a declared Content-Length over the limit is refused at once; a chunked body is
/// cut off with <see cref="BodyTooLargeException"/> once it passes the limit (daprd: "stream too large").
/// </summary>
internal static class BodyLimit
{
    public const string Message = "stream too large";

    public static bool Apply(HttpContext context, long limit)
    {
        if (context.Request.ContentLength is { } length)
        {
            return length <= limit;
        }
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            context.Request.Body = new LimitedReadStream(context.Request.Body, limit);
        }
        return true;
    }

    public static Task RejectAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path.StartsWith("/v1.0/invoke/", StringComparison.Ordinal) || context.Request.Headers.ContainsKey("dapr-app-id"))
        {
            var appId = Invocation.InvocationTarget.AppIdForError(context);
            return new DaprError("ERR_DIRECT_INVOKE", $"failed to invoke, id: {appId}, err: {Message}")
                .WriteAsync(context, StatusCodes.Status500InternalServerError);
        }
        return new DaprError("ERR_BODY_READ", $"failed to read request body: {Message}")
            .WriteAsync(context, StatusCodes.Status400BadRequest);
    }
}

internal sealed class BodyTooLargeException() : IOException(BodyLimit.Message);
