using System.Text.Json;
using Dapr.AiProvider.ProviderSimulator.Core;
using Dapr.AiProvider.ProviderSimulator.Faults;

namespace Dapr.AiProvider.ProviderSimulator.Anthropic;

/// <summary>The Messages API (<c>POST /v1/messages</c>): <c>x-api-key</c> (or a bearer), <c>anthropic-version</c>, required <c>max_tokens</c>.</summary>
internal sealed class AnthropicDialect : IChatDialect
{
    public string Provider => Providers.Anthropic;

    public ErrorReply? Authenticate(HttpRequest request, string expectedKey)
    {
        // API keys come in x-api-key; the official SDKs may send them (and OAuth tokens) as a bearer instead.
        var key = request.Headers["x-api-key"].ToString();
        if (string.IsNullOrEmpty(key))
        {
            key = OpenAi.BearerAuth.Token(request) ?? "";
        }
        if (string.IsNullOrEmpty(key))
        {
            return AnthropicErrors.Error(401, "authentication_error", "x-api-key header is required");
        }
        return key == expectedKey ? null : AnthropicErrors.Error(401, "authentication_error", "invalid x-api-key");
    }

    public ErrorReply BadRequest(string message) => AnthropicErrors.Invalid(message);

    public ParseResult Parse(HttpContext context, JsonElement body) => AnthropicRequestParser.Parse(context.Request, body);

    public ErrorReply Fault(FaultKind fault, FaultContext context) => AnthropicErrors.Fault(fault, context);

    public void AddResponseHeaders(HttpResponse response, RateSnapshot rate)
    {
        var headers = response.Headers;
        var reset = WireFormat.Rfc3339(rate.ResetAt);
        headers["anthropic-ratelimit-requests-limit"] = WireFormat.Integer(rate.RequestLimit);
        headers["anthropic-ratelimit-requests-remaining"] = WireFormat.Integer(rate.RequestsRemaining);
        headers["anthropic-ratelimit-requests-reset"] = reset;
        foreach (var kind in (string[])["tokens", "input-tokens", "output-tokens"])
        {
            headers[$"anthropic-ratelimit-{kind}-limit"] = WireFormat.Integer(rate.TokenLimit);
            headers[$"anthropic-ratelimit-{kind}-remaining"] = WireFormat.Integer(rate.TokensRemaining);
            headers[$"anthropic-ratelimit-{kind}-reset"] = reset;
        }
        headers["request-id"] = AnthropicErrors.NewRequestId();
        headers["anthropic-organization-id"] = "00000000-0000-4000-8000-000000000001";
    }

    public Task WriteCompletionAsync(HttpContext context, ChatPrompt prompt, SimAnswer answer, CancellationToken ct) =>
        JsonReply.WriteAsync(context.Response, StatusCodes.Status200OK,
            w => AnthropicWire.WriteMessage(w, AnthropicWire.NewMessageId(), prompt.Model, answer), ct);

    public IChatStream OpenStream(HttpContext context, ChatPrompt prompt, SimAnswer answer, FaultKind? fault) =>
        new AnthropicStream(context.Response, prompt.Model, answer);
}
