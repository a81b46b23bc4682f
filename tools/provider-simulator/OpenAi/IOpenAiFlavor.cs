using System.Text.Json;
using Dapr.AiProvider.ProviderSimulator.Core;
using Dapr.AiProvider.ProviderSimulator.Faults;

namespace Dapr.AiProvider.ProviderSimulator.OpenAi;

/// <summary>
/// What differs between services that speak OpenAI chat completions (OpenAI, Hugging Face router,
/// GitHub Models, OpenAI-compatible servers): auth, error bodies, headers, in-stream errors.
/// </summary>
internal interface IOpenAiFlavor
{
    string Provider { get; }

    ErrorReply? Authenticate(HttpRequest request, string expectedKey);

    ErrorReply BadRequest(string message, string? param, string? code);

    ErrorReply Fault(FaultKind fault, FaultContext context);

    void AddResponseHeaders(HttpResponse response, RateSnapshot rate);

    /// <summary>The JSON of an error sent as <c>data: …</c> inside a 200 stream.</summary>
    void WriteInBandError(Utf8JsonWriter writer, FaultContext context);
}
