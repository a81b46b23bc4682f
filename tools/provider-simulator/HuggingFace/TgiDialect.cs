using System.Text.Json;
using Dapr.AiProvider.ProviderSimulator.Core;
using Dapr.AiProvider.ProviderSimulator.Faults;
using Dapr.AiProvider.ProviderSimulator.OpenAi;

namespace Dapr.AiProvider.ProviderSimulator.HuggingFace;

/// <summary>
/// Text Generation Inference <c>/generate</c> and <c>/generate_stream</c>: <c>{"inputs","parameters"}</c>
/// in, <c>generated_text</c> / token events out, errors as <c>{"error","error_type"}</c>.
/// </summary>
internal sealed class TgiDialect(bool streaming) : IChatDialect
{
    private const string DetailsKey = "tgi.details";

    public string Provider => Providers.Tgi;

    public ErrorReply? Authenticate(HttpRequest request, string expectedKey) =>
        BearerAuth.Token(request) == expectedKey ? null : Error(401, "Unauthorized", "authentication");

    public ErrorReply BadRequest(string message) => Error(422, message, "validation");

    public ParseResult Parse(HttpContext context, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.String)
        {
            return ParseResult.Fail(BadRequest("Failed to deserialize the JSON body into the target type: missing field `inputs`"), "tgi");
        }
        var text = inputs.GetString()!;
        if (text.Length == 0)
        {
            return ParseResult.Fail(BadRequest("Input validation error: `inputs` cannot be empty"), "tgi");
        }
        int? maxNewTokens = null;
        var details = false;
        if (body.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
        {
            if (parameters.TryGetProperty("max_new_tokens", out var m) && m.ValueKind == JsonValueKind.Number)
            {
                if (!m.TryGetInt32(out var n) || n < 1)
                {
                    return ParseResult.Fail(BadRequest("Input validation error: `max_new_tokens` must be strictly positive"), "tgi");
                }
                maxNewTokens = n;
            }
            details = parameters.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.True;
        }
        context.Items[DetailsKey] = details;
        return ParseResult.Ok(ChatPrompt.Simple("tgi", text, text.Length, maxNewTokens, streaming));
    }

    public ErrorReply Fault(FaultKind fault, FaultContext c) => fault switch
    {
        FaultKind.RateLimited or FaultKind.RetryAfterHttpDate or FaultKind.RetryAfterMs or FaultKind.Overloaded
            or FaultKind.QuotaExhausted or FaultKind.QuotaZero => Error(429, "Model is overloaded", "overloaded"),
        FaultKind.KeyInvalid => Error(401, "Unauthorized", "authentication"),
        FaultKind.Billing => Error(402, HuggingFaceFlavor.CreditsExhausted, "billing"),
        FaultKind.ContextLength => Error(422,
            $"Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096. Given: {4096 + c.PromptTokens} `inputs` tokens and 20 `max_new_tokens`",
            "validation"),
        FaultKind.ModelNotFound => Error(404, "Model not found", "not_found"),
        _ => Error(424, "Request failed during generation: Server error: CUDA out of memory", "generation"),
    };

    public void AddResponseHeaders(HttpResponse response, RateSnapshot rate)
    {
        response.Headers["x-compute-type"] = "gpu+simulated";
        response.Headers["x-generated-tokens"] = "0";
    }

    public Task WriteCompletionAsync(HttpContext context, ChatPrompt prompt, SimAnswer answer, CancellationToken ct)
    {
        context.Response.Headers["x-generated-tokens"] = WireFormat.Integer(answer.CompletionTokens);
        context.Response.Headers["x-prompt-tokens"] = WireFormat.Integer(answer.PromptTokens);
        var details = context.Items[DetailsKey] is true;
        return JsonReply.WriteAsync(context.Response, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteString("generated_text", answer.Text);
            if (details)
            {
                w.WriteStartObject("details");
                TgiStream.WriteDetailsBody(w, answer);
                w.WriteStartArray("prefill");
                w.WriteEndArray();
                w.WriteStartArray("tokens");
                for (var i = 0; i < answer.Pieces.Count; i++)
                {
                    TgiStream.WriteToken(w, i, answer.Pieces[i]);
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }, ct);
    }

    public IChatStream OpenStream(HttpContext context, ChatPrompt prompt, SimAnswer answer, FaultKind? fault) => new TgiStream(context.Response, answer);

    internal static ErrorReply Error(int status, string message, string type) =>
        new(status, JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("error", message);
            w.WriteString("error_type", type);
            w.WriteEndObject();
        }));
}
