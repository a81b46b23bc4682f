using System.Text.Json.Serialization;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary>daprd's HTTP error body: <c>{"errorCode":"ERR_…","message":"…"}</c>.</summary>
public sealed record DaprError(
    [property: JsonPropertyName("errorCode")] string ErrorCode,
    [property: JsonPropertyName("message")] string Message)
{
    /// <summary>Writes the error with <paramref name="status"/> unless the response already started.</summary>
    public Task WriteAsync(HttpContext context, int status)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return Task.CompletedTask;
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return System.Text.Json.JsonSerializer.SerializeAsync(context.Response.Body, this,
            SidecarJsonContext.Default.DaprError, context.RequestAborted);
    }

    public IResult ToResult(int status) => Results.Json(this, SidecarJsonContext.Default.DaprError, statusCode: status);
}
