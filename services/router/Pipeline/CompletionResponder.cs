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

    /// <param name="FromCache">The cache entry when the completion is a hit (its serialised form is kept with it).</param>
    public sealed record Answered(Decision Decision, ChatCompletionResponse Completion, CachedCompletion? FromCache = null) : CompletionResult(Decision);

    public sealed record Failed(Decision Decision, GatewayError Error) : CompletionResult(Decision);
}

/// <summary>
/// The non-streamed edge of <see cref="RequestPipeline{TAnswer}"/>: the answer is complete as soon as a provider returns it.
/// The pipeline runs to its end even when the caller leaves (bounded by the total deadline, as always): a provider
/// that was asked bills its answer whether or not anyone reads it, so the answer is still settled against the
/// budget and recorded (status 499, <c>client_closed_request</c>) with its real cost — issue 19 item 6.
/// </summary>
internal sealed class CompletionResponder(RequestPipeline<CachedCompletion> pipeline, CompletionAttempt attempt)
{
    /// <param name="callerAborted">Fires when the caller leaves; it does not stop the call (see the type's summary).</param>
    public async Task<CompletionResult> CompleteAsync(ChatCall call, CancellationToken callerAborted)
    {
        switch (await pipeline.RunAsync(call, attempt, CancellationToken.None))
        {
            case CallOutcome<AdapterChatResult, CachedCompletion>.Refused refused:
                return new CompletionResult.Failed(refused.Decision, refused.Error);
            case CallOutcome<AdapterChatResult, CachedCompletion>.Cached cached:
                return new CompletionResult.Answered(cached.Decision, cached.Answer.Completion, cached.Answer);
            case CallOutcome<AdapterChatResult, CachedCompletion>.Served served:
                var completion = served.Value.Completion with { Model = served.Delivery.Ticket.Candidate.Id };
                AnswerEnd end = callerAborted.IsCancellationRequested
                    ? new AnswerEnd.Cut(StatusCodes.Status499ClientClosedRequest, served.Value.Usage)
                    : new AnswerEnd.Complete(completion, served.Value.Usage);
                var decision = await pipeline.FinishAsync(served, end);
                return new CompletionResult.Answered(decision, completion);
            default:
                throw new UnreachableException();
        }
    }
}
