using System.Text.Json;
using Dapr.AiProvider.ProviderSimulator.Core;
using Dapr.AiProvider.ProviderSimulator.Faults;

namespace Dapr.AiProvider.ProviderSimulator.OpenAi;

/// <summary>
/// An OpenAI-compatible server (vLLM, Ollama, LM Studio): vLLM's <c>{"error":"Unauthorized"}</c>,
/// vLLM-style error objects, and in-band <c>data: {"error":…}</c> frames inside a 200 stream.
/// </summary>
internal sealed class OpenAiCompatibleFlavor : IOpenAiFlavor
{
    public string Provider => Providers.OpenAiCompatible;

    public ErrorReply? Authenticate(HttpRequest request, string expectedKey) =>
        BearerAuth.Token(request) == expectedKey ? null : new ErrorReply(401, """{"error":"Unauthorized"}""");

    public ErrorReply BadRequest(string message, string? param, string? code) => Error(400, message, "BadRequestError");

    public ErrorReply Fault(FaultKind fault, FaultContext c) => fault switch
    {
        FaultKind.RateLimited or FaultKind.RetryAfterHttpDate or FaultKind.RetryAfterMs or FaultKind.QuotaExhausted or FaultKind.QuotaZero =>
            RetryAfter.Add(Error(429, "Too many requests, please retry later.", "RateLimitError"), fault, c),
        FaultKind.Overloaded => Error(503, "The server is overloaded, please retry later.", "ServiceUnavailableError"),
        FaultKind.KeyInvalid => new ErrorReply(401, """{"error":"Unauthorized"}"""),
        FaultKind.Billing => Error(402, "Payment required.", "PaymentRequiredError"),
        FaultKind.ContextLength => Error(400,
            $"This model's maximum context length is 8192 tokens. However, you requested {8192 + c.PromptTokens} tokens in the messages, Please reduce the length of the messages.",
            "BadRequestError"),
        FaultKind.ModelNotFound => Error(404, $"The model `{c.Model}` does not exist.", "NotFoundError"),
        _ => Error(500, "Internal server error", "InternalServerError"),
    };

    public void AddResponseHeaders(HttpResponse response, RateSnapshot rate)
    {
    }

    public void WriteInBandError(Utf8JsonWriter writer, FaultContext context) =>
        WriteObject(writer, "The engine loop has stopped: CUDA out of memory.", "InternalServerError", 500);

    private static ErrorReply Error(int status, string message, string type) =>
        new(status, JsonText.Write(w =>
        {
            w.WriteStartObject();
            WriteObject(w, message, type, status);
            w.WriteEndObject();
        }));

    private static void WriteObject(Utf8JsonWriter w, string message, string type, int code)
    {
        w.WriteStartObject("error");
        w.WriteString("object", "error");
        w.WriteString("message", message);
        w.WriteString("type", type);
        w.WriteNull("param");
        w.WriteNumber("code", code);
        w.WriteEndObject();
    }
}
