using System.Text.Json;
using Dapr.AiProvider.ProviderSimulator.Core;
using Dapr.AiProvider.ProviderSimulator.Faults;
using Dapr.AiProvider.ProviderSimulator.OpenAi;

namespace Dapr.AiProvider.ProviderSimulator.HuggingFace;

/// <summary>
/// The Hugging Face Inference Providers router (router.huggingface.co/v1): OpenAI chat completions,
/// models as <c>org/model</c> or <c>org/model:provider</c>, router errors as <c>{"error":"…"}</c>,
/// 402 when the monthly credits are used up.
/// </summary>
internal sealed class HuggingFaceFlavor : IOpenAiFlavor
{
    public const string CreditsExhausted =
        "You have exceeded your monthly included credits for Inference Providers. Subscribe to PRO to get 20x more monthly included credits.";

    public string Provider => Providers.HuggingFace;

    public ErrorReply? Authenticate(HttpRequest request, string expectedKey) =>
        BearerAuth.Token(request) == expectedKey ? null : Error(401, "Invalid credentials in Authorization header");

    public ErrorReply BadRequest(string message, string? param, string? code) =>
        new(400, OpenAiWire.ErrorBody(message, "invalid_request_error", param, code));

    public ErrorReply Fault(FaultKind fault, FaultContext c) => fault switch
    {
        FaultKind.RateLimited or FaultKind.RetryAfterHttpDate or FaultKind.RetryAfterMs =>
            RetryAfter.Add(Error(429, "Rate limit reached. Please retry later or upgrade your plan."), fault, c),
        FaultKind.QuotaExhausted or FaultKind.QuotaZero => Error(402, CreditsExhausted),
        FaultKind.Billing => Error(402, "Payment required: your pre-paid credits are exhausted. Add a payment method to continue using Inference Providers."),
        FaultKind.Overloaded => Error(503, $"Model {c.Model} is currently overloaded, please retry later."),
        FaultKind.KeyInvalid => Error(401, "Invalid credentials in Authorization header"),
        FaultKind.ContextLength => new ErrorReply(400, OpenAiWire.ErrorBody(
            $"This model's maximum context length is 32768 tokens. However, you requested {32768 + c.PromptTokens} tokens. Please reduce the length of the messages.",
            "invalid_request_error", "messages", "context_length_exceeded")),
        FaultKind.ModelNotFound => Error(404, $"The requested model '{c.Model}' does not exist or is not supported by any provider you have enabled."),
        _ => Error(500, "Internal Server Error"),
    };

    public void AddResponseHeaders(HttpResponse response, RateSnapshot rate)
    {
        response.Headers["x-inference-provider"] = "simulated";
        response.Headers["x-request-id"] = "Root=1-" + Guid.NewGuid().ToString("N")[..24];
    }

    public void WriteInBandError(Utf8JsonWriter writer, FaultContext context) =>
        OpenAiWire.WriteError(writer, "Upstream provider closed the stream with an error.", "server_error", null, null);

    private static ErrorReply Error(int status, string message) =>
        new(status, JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("error", message);
            w.WriteEndObject();
        }));
}
