using System.Text.Json;
using Dapr.AiProvider.ProviderSimulator.Faults;

namespace Dapr.AiProvider.ProviderSimulator.Core;

/// <summary>One provider's wire protocol for chat: auth, request parsing, errors, responses and streams.</summary>
internal interface IChatDialect
{
    string Provider { get; }

    /// <summary>Null when the request carries the expected key; otherwise the provider's exact auth error.</summary>
    ErrorReply? Authenticate(HttpRequest request, string expectedKey);

    /// <summary>The provider's 400 for a request it cannot read.</summary>
    ErrorReply BadRequest(string message);

    ParseResult Parse(HttpContext context, JsonElement body);

    /// <summary>The exact status, body and headers the provider sends for an HTTP-level fault.</summary>
    ErrorReply Fault(FaultKind fault, FaultContext context);

    void AddResponseHeaders(HttpResponse response, RateSnapshot rate);

    Task WriteCompletionAsync(HttpContext context, ChatPrompt prompt, SimAnswer answer, CancellationToken ct);

    /// <summary>The stream for one answer; <paramref name="fault"/> lets a dialect vary its own framing.</summary>
    IChatStream OpenStream(HttpContext context, ChatPrompt prompt, SimAnswer answer, FaultKind? fault);
}
