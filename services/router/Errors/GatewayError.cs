namespace Dapr.AiProvider.Router.Errors;

/// <summary>
/// An expected failure as a value (caller, policy, provider or gateway). The edge maps it to the
/// caller's dialect: OpenAI error JSON on <c>/v1/*</c>, ProblemDetails elsewhere.
/// </summary>
internal sealed record GatewayError(int Status, string Code, string Message)
{
    /// <summary>OpenAI's error <c>type</c> (invalid_request_error, authentication_error, …).</summary>
    public string Type { get; init; } = TypeFor(Status);
    public string? Param { get; init; }
    /// <summary>When to try again (sent as <c>Retry-After</c>).</summary>
    public DateTimeOffset? RetryAt { get; init; }

    public static GatewayError BadRequest(string message, string? param = null) =>
        new(400, "invalid_json", message) { Param = param };
    public static GatewayError Unprocessable(string message, string? param = null) =>
        new(422, "invalid_request", message) { Param = param };
    public static GatewayError Unauthorized(string message) => new(401, "invalid_api_key", message);
    public static GatewayError NotFound(string code, string message) => new(404, code, message);
    public static GatewayError TooLarge(int limit) =>
        new(413, "request_too_large", $"The request body exceeds the limit of {limit} bytes.");

    private static string TypeFor(int status) => status switch
    {
        401 => "authentication_error",
        403 => "permission_error",
        404 => "not_found_error",
        429 => "rate_limit_error",
        >= 500 => "api_error",
        _ => "invalid_request_error",
    };
}
