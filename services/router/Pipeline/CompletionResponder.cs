using Dapr.AiProvider.Router.Usage;
using Dapr.AiProvider.Router.Caching;
using System.Diagnostics;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Errors;

namespace Dapr.AiProvider.Router.Pipeline;

/// <summary>A non-streamed request's end: the whole completion, or the error. Closed.</summary>
internal abstract record CompletionResult
{
    private CompletionResult(Decision decision) => Decision = decision;

    public Decision Decision { get; }

    public sealed record Answered(Decision Decision, ChatCompletionResponse Completion) : CompletionResult(Decision);

    public sealed record Failed(Decision Decision, GatewayError Error) : CompletionResult(Decision);
}

/// <summary>The non-streamed edge of <see cref="RequestPipeline"/>: the answer is complete as soon as a provider returns it.</summary>
internal sealed class CompletionResponder(RequestPipeline pipeline, CompletionAttempt attempt)
{
    public async Task<CompletionResult> CompleteAsync(ChatCall call, CancellationToken cancellationToken)
    {
        switch (await pipeline.RunAsync(call, attempt, cancellationToken))
        {
            case CallOutcome<AdapterChatResult>.Refused refused:
                return new CompletionResult.Failed(refused.Decision, refused.Error);
            case CallOutcome<AdapterChatResult>.Cached cached:
                return new CompletionResult.Answered(cached.Decision, cached.Answer.Completion);
            case CallOutcome<AdapterChatResult>.Served served:
                var completion = served.Value.Completion with { Model = served.Delivery.Ticket.Candidate.Id };
                var decision = await pipeline.FinishAsync(served, new AnswerEnd.Complete(completion, served.Value.Usage));
                return new CompletionResult.Answered(decision, completion);
            default:
                throw new UnreachableException();
        }
    }
}
