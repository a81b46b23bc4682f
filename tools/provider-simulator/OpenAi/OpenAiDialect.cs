using System.Text.Json;
using Dapr.AiProvider.ProviderSimulator.Core;
using Dapr.AiProvider.ProviderSimulator.Faults;

namespace Dapr.AiProvider.ProviderSimulator.OpenAi;

/// <summary>Chat completions in OpenAI's format, with a flavor for the service that speaks it.</summary>
internal sealed class OpenAiDialect(IOpenAiFlavor flavor, TimeProvider time) : IChatDialect
{
    public string Provider => flavor.Provider;

    public ErrorReply? Authenticate(HttpRequest request, string expectedKey) => flavor.Authenticate(request, expectedKey);

    public ErrorReply BadRequest(string message) => flavor.BadRequest(message, null, null);

    public ParseResult Parse(HttpContext context, JsonElement body) => OpenAiRequestParser.Parse(body, flavor);

    public ErrorReply Fault(FaultKind fault, FaultContext context) => flavor.Fault(fault, context);

    public void AddResponseHeaders(HttpResponse response, RateSnapshot rate) => flavor.AddResponseHeaders(response, rate);

    public Task WriteCompletionAsync(HttpContext context, ChatPrompt prompt, SimAnswer answer, CancellationToken ct)
    {
        var id = NewId();
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        return JsonReply.WriteAsync(context.Response, StatusCodes.Status200OK,
            w => OpenAiWire.WriteCompletion(w, id, created, prompt, answer), ct);
    }

    public IChatStream OpenStream(HttpContext context, ChatPrompt prompt, SimAnswer answer, FaultKind? fault) =>
        new OpenAiChatStream(context.Response, flavor, prompt, answer, NewId(), time.GetUtcNow().ToUnixTimeSeconds(),
            fault == FaultKind.UsageChoicesNull);

    private static string NewId() => "chatcmpl-" + Guid.NewGuid().ToString("N")[..24];
}
