using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Errors;

namespace Dapr.AiProvider.Router.Pipeline;

/// <summary>A finished non-streaming request: the completion or the error, and the decision either way.</summary>
public sealed record ChatOutcome(ChatCompletionResponse? Completion, Decision Decision, GatewayError? Error)
{
    public ErrorClass? ErrorClass { get; init; }
}
