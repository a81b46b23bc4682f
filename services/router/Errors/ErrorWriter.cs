using System.Globalization;
using System.Text.Json;
using Dapr.AiProvider.Router.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dapr.AiProvider.Router.Errors;

/// <summary>Writes a <see cref="GatewayError"/> in the dialect of the path it answers: Anthropic on <c>/v1/messages</c>, OpenAI on the rest of <c>/v1</c>, ProblemDetails elsewhere.</summary>
internal static class ErrorWriter
{
    public static bool IsOpenAiPath(PathString path) => path.StartsWithSegments("/v1");

    public static IResult ToResult(HttpContext context, GatewayError error, TimeProvider time)
    {
        SetRetryAfter(context, error, time);
        if (AnthropicErrors.IsAnthropicPath(context.Request.Path))
        {
            var (status, type) = AnthropicErrors.StatusAndType(error);
            var anthropicRequestId = context.Items.TryGetValue(RequestIds.ItemKey, out var item) ? item as string : null;
            var body = new AnthropicErrorEnvelope(new AnthropicErrorBody(type, error.Message), anthropicRequestId);
            return TypedResults.Json(body, DialectJsonContext.Default.AnthropicErrorEnvelope, statusCode: status);
        }
        if (IsOpenAiPath(context.Request.Path))
        {
            var body = new OpenAiErrorEnvelope(new OpenAiErrorBody(error.Message, error.Type, error.Param, error.Code));
            return TypedResults.Json(body, RouterJsonContext.Default.OpenAiErrorEnvelope, statusCode: error.Status);
        }
        var problem = new ProblemDetails
        {
            Status = error.Status,
            Title = TitleFor(error.Status),
            Detail = error.Message,
            Type = $"https://httpstatuses.io/{error.Status}",
            Instance = context.Request.Path,
        };
        problem.Extensions["code"] = error.Code;
        if (error.Param is not null)
        {
            problem.Extensions["param"] = error.Param;
        }
        if (context.Items.TryGetValue(RequestIds.ItemKey, out var id) && id is string requestId)
        {
            problem.Extensions["requestId"] = requestId;
        }
        return TypedResults.Problem(problem);
    }

    public static Task WriteAsync(HttpContext context, GatewayError error, TimeProvider time) =>
        ToResult(context, error, time).ExecuteAsync(context);

    /// <summary>The in-band stream error frame: <c>data: {"error":{…}}</c> (never followed by [DONE]).</summary>
    public static byte[] StreamErrorFrame(GatewayError error)
    {
        var body = new OpenAiErrorEnvelope(new OpenAiErrorBody(error.Message, error.Type, error.Param, error.Code));
        var json = JsonSerializer.SerializeToUtf8Bytes(body, RouterJsonContext.Default.OpenAiErrorEnvelope);
        var frame = new byte[json.Length + 8];
        "data: "u8.CopyTo(frame);
        json.CopyTo(frame, 6);
        frame[^2] = (byte)'\n';
        frame[^1] = (byte)'\n';
        return frame;
    }

    private static void SetRetryAfter(HttpContext context, GatewayError error, TimeProvider time)
    {
        if (error.RetryAt is { } at)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling((at - time.GetUtcNow()).TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static string TitleFor(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        413 => "Payload Too Large",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Error",
    };
}
