using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Router.Backend;

/// <summary>
/// The error a Dapr sidecar writes itself when an invocation fails before or without the callee app answering:
/// HTTP 500 <c>{"errorCode":"ERR_DIRECT_INVOKE","message":"failed to invoke, id: provider-adapters, err: …"}</c>
/// (dapr pkg/messages/predefined.go; pkg/api/http/directmessaging.go). The callee's own answers are passed through
/// verbatim and never carry this code.
/// </summary>
internal sealed record SidecarInvokeError(string Message)
{
    public const string Code = "ERR_DIRECT_INVOKE";

    /// <summary>The resiliency policy's per-attempt timeout (<c>context deadline exceeded</c>): the callee was slow, not gone.</summary>
    public bool IsTimeout => Message.Contains("deadline exceeded", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The sidecar's circuit breaker for the callee refused the call without trying it: gobreaker's
    /// <c>ErrOpenState</c> ("circuit breaker is open") or, half-open with its probes taken, <c>ErrTooManyRequests</c>
    /// ("too many requests"). daprd treats both as permanent (no retry, dapr pkg/resiliency/policy.go) and answers them
    /// as <c>failed to invoke, id: X, err: circuit breaker is open</c> (pkg/api/http/directmessaging.go, the default
    /// branch of <c>onDirectMessage</c>; pkg/resiliency/breaker/circuitbreaker.go).
    /// </summary>
    public bool IsBreakerOpen => Message.EndsWith("err: circuit breaker is open", StringComparison.Ordinal)
        || Message.EndsWith("err: too many requests", StringComparison.Ordinal);

    /// <returns>The sidecar's error, or null when the body is the callee's own.</returns>
    public static async Task<SidecarInvokeError?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync(SidecarErrorJsonContext.Default.SidecarErrorBody, cancellationToken);
            return body is { ErrorCode: Code } ? new SidecarInvokeError(body.Message ?? Code) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

internal sealed record SidecarErrorBody(
    [property: JsonPropertyName("errorCode")] string? ErrorCode,
    [property: JsonPropertyName("message")] string? Message);

[JsonSerializable(typeof(SidecarErrorBody))]
internal sealed partial class SidecarErrorJsonContext : JsonSerializerContext;
