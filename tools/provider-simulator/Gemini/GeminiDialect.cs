using System.Text.Json;
using Dapr.AiProvider.ProviderSimulator.Core;
using Dapr.AiProvider.ProviderSimulator.Faults;

namespace Dapr.AiProvider.ProviderSimulator.Gemini;

/// <summary>
/// <c>models/{model}:generateContent</c> and <c>:streamGenerateContent</c>; the key comes in
/// <c>x-goog-api-key</c> or <c>?key=</c>. A wrong key is Google's 400 API_KEY_INVALID, a missing one 403.
/// </summary>
internal sealed class GeminiDialect : IChatDialect
{
    public string Provider => Providers.Gemini;

    public ErrorReply? Authenticate(HttpRequest request, string expectedKey)
    {
        var key = request.Headers["x-goog-api-key"].ToString();
        if (string.IsNullOrEmpty(key))
        {
            key = request.Query["key"].ToString();
        }
        if (string.IsNullOrEmpty(key))
        {
            return GeminiErrors.MissingKey();
        }
        return key == expectedKey ? null : GeminiErrors.KeyInvalid();
    }

    public ErrorReply BadRequest(string message) =>
        GeminiErrors.Invalid(message.StartsWith("We could not parse", StringComparison.Ordinal)
            ? "Invalid JSON payload received. Unexpected token." : message);

    public ParseResult Parse(HttpContext context, JsonElement body)
    {
        var (model, method) = Target(context);
        if (method is not ("generateContent" or "streamGenerateContent"))
        {
            return ParseResult.Fail(GeminiErrors.Error(404, "NOT_FOUND", $"Method '{method}' is not supported by models/{model}."), model);
        }
        return GeminiRequestParser.Parse(model, method == "streamGenerateContent", body);
    }

    public ErrorReply Fault(FaultKind fault, FaultContext context) => GeminiErrors.Fault(fault, context);

    public void AddResponseHeaders(HttpResponse response, RateSnapshot rate) => response.Headers["server-timing"] = "gfet4t7; dur=1";

    public Task WriteCompletionAsync(HttpContext context, ChatPrompt prompt, SimAnswer answer, CancellationToken ct)
    {
        var text = answer.ToolCall is not null || answer.Finish == FinishKind.ContentFilter ? null : answer.Text;
        return JsonReply.WriteAsync(context.Response, StatusCodes.Status200OK, w =>
            GeminiWire.WriteResponse(w, prompt.Model, GeminiWire.NewResponseId(), answer, text, answer.ToolCall is not null, final: true), ct);
    }

    public IChatStream OpenStream(HttpContext context, ChatPrompt prompt, SimAnswer answer, FaultKind? fault) =>
        new GeminiStream(context.Response, prompt.Model, answer, context.Request.Query["alt"] == "sse");

    /// <summary>Splits the <c>{model}:{method}</c> path segment.</summary>
    internal static (string Model, string Method) Target(HttpContext context)
    {
        var target = context.Request.RouteValues["target"] as string ?? "";
        var colon = target.LastIndexOf(':');
        return colon > 0 ? (target[..colon], target[(colon + 1)..]) : (target, "");
    }
}
