using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Router.Errors;

/// <summary>
/// Errors on Anthropic's paths (<c>/v1/messages</c>…) in Anthropic's shape and statuses:
/// <c>{"type":"error","error":{"type","message"},"request_id"}</c>. Anthropic has no 422 (validation is 400
/// <c>invalid_request_error</c>) and signals overload with 529 <c>overloaded_error</c>, which its SDKs retry;
/// the gateway's 503 (no provider can answer now) is that. Source: /work/shared/reference/providers.md §2 and
/// Anthropic's error docs (docs.claude.com/en/api/errors), checked 2026-12-07.
/// </summary>
internal static class AnthropicErrors
{
    public const int Overloaded = 529;

    public static bool IsAnthropicPath(PathString path) => path.StartsWithSegments("/v1/messages");

    public static (int Status, string Type) StatusAndType(GatewayError error) => error.Status switch
    {
        400 or 422 => (400, "invalid_request_error"),
        401 => (401, "authentication_error"),
        403 => (403, "permission_error"),
        404 => (404, "not_found_error"),
        413 => (413, "request_too_large"),
        429 => (429, "rate_limit_error"),
        503 or Overloaded => (Overloaded, "overloaded_error"),
        >= 500 => (error.Status, "api_error"),
        _ => (error.Status, "invalid_request_error"),
    };
}

internal sealed record AnthropicErrorEnvelope(
    [property: JsonPropertyName("error")] AnthropicErrorBody Error,
    [property: JsonPropertyName("request_id")] string? RequestId)
{
    [JsonPropertyName("type"), JsonPropertyOrder(-1)] public string Type => "error";
}

internal sealed record AnthropicErrorBody(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("message")] string Message);
