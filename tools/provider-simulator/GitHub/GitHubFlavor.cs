using System.Globalization;
using System.Text.Json;
using Dapr.AiProvider.ProviderSimulator.Core;
using Dapr.AiProvider.ProviderSimulator.Faults;
using Dapr.AiProvider.ProviderSimulator.OpenAi;

namespace Dapr.AiProvider.ProviderSimulator.GitHub;

/// <summary>
/// GitHub Models (models.github.ai/inference): OpenAI chat completions with Azure-style errors
/// <c>{"error":{"code","message","details"}}</c>, 429s with <c>x-ratelimit-type</c> and
/// <c>retry-after</c>, and no remaining-quota headers on successful responses.
/// </summary>
internal sealed class GitHubFlavor : IOpenAiFlavor
{
    public string Provider => Providers.GitHub;

    public ErrorReply? Authenticate(HttpRequest request, string expectedKey) =>
        BearerAuth.Token(request) == expectedKey ? null : Error(401, "unauthorized", "Bad credentials");

    public ErrorReply BadRequest(string message, string? param, string? code) => Error(400, code ?? "invalid_request_body", message);

    public ErrorReply Fault(FaultKind fault, FaultContext c) => fault switch
    {
        FaultKind.RateLimited or FaultKind.RetryAfterHttpDate or FaultKind.RetryAfterMs =>
            RetryAfter.Add(RateLimit("15 per 60s", "UserByModelByMinute", c.RetryAfterSeconds), fault, c),
        FaultKind.QuotaExhausted or FaultKind.QuotaZero =>
            RateLimit("150 per 86400s", "UserByModelByDay", c.DailyRetryAfterSeconds)
                .WithHeader("retry-after", WireFormat.Seconds(c.DailyRetryAfterSeconds)),
        FaultKind.Overloaded => Error(503, "ServiceUnavailable", "The service is temporarily unable to process your request. Please try again later."),
        FaultKind.KeyInvalid => Error(401, "unauthorized", "Bad credentials"),
        FaultKind.Billing => Error(402, "payment_required", "Paid usage is not enabled for this account. Enable paid usage or bring your own key to continue."),
        FaultKind.ContextLength => Error(413, "tokens_limit_reached",
            $"Request body too large for {ShortName(c.Model)} model. Max size: 8000 tokens."),
        FaultKind.ModelNotFound => Error(404, "unknown_model", $"Unknown model: {c.Model}"),
        // GitHub Models' inference API was retired on 2026-07-30 and answers 410 Gone.
        FaultKind.ModelRetired => Error(410, "gone", "GitHub Models was retired on 2026-07-30. This endpoint is no longer available."),
        _ => Error(500, "InternalServerError", "The server had an error processing your request."),
    };

    public void AddResponseHeaders(HttpResponse response, RateSnapshot rate) =>
        response.Headers["x-request-id"] = Guid.NewGuid().ToString();

    public void WriteInBandError(Utf8JsonWriter writer, FaultContext context) =>
        WriteError(writer, "InternalServerError", "The model produced an error while streaming the response.");

    private static ErrorReply RateLimit(string limit, string type, double seconds)
    {
        var wait = ((long)Math.Ceiling(seconds)).ToString(CultureInfo.InvariantCulture);
        return Error(429, "RateLimitReached", $"Rate limit of {limit} exceeded for {type}. Please wait {wait} seconds before retrying.")
            .WithHeader("x-ratelimit-type", type);
    }

    private static string ShortName(string model) => model.Contains('/', StringComparison.Ordinal) ? model[(model.IndexOf('/', StringComparison.Ordinal) + 1)..] : model;

    private static ErrorReply Error(int status, string code, string message) =>
        new(status, JsonText.Write(w =>
        {
            w.WriteStartObject();
            WriteError(w, code, message);
            w.WriteEndObject();
        }));

    private static void WriteError(Utf8JsonWriter w, string code, string message)
    {
        w.WriteStartObject("error");
        w.WriteString("code", code);
        w.WriteString("message", message);
        w.WriteString("details", message);
        w.WriteEndObject();
    }
}
