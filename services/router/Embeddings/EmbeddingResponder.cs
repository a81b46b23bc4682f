using System.Diagnostics;
using Dapr.AiProvider.Contracts.Embeddings;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Pipeline;

namespace Dapr.AiProvider.Router.Embeddings;

/// <summary>
/// The embeddings edge of <see cref="RequestPipeline{TAnswer}"/>: an answer is whole as soon as a provider returns it.
/// As for a completion (<see cref="CompletionResponder"/>), the pipeline runs to its end when the caller leaves, so a
/// provider that was asked is still settled and recorded (499, <c>client_closed_request</c>) with its real cost.
/// </summary>
internal sealed class EmbeddingResponder(RequestPipeline<CachedEmbeddings> pipeline, EmbeddingPlanner planner, IEmbeddingBackend backend)
{
    /// <param name="callerAborted">Fires when the caller leaves; it does not stop the call.</param>
    public async Task<EmbeddingResult> RunAsync(EmbeddingCall call, CancellationToken callerAborted)
    {
        var kind = new EmbeddingKind(call, planner, backend);
        switch (await pipeline.RunAsync(kind.View, kind, CancellationToken.None))
        {
            case CallOutcome<AdapterEmbeddingResult, CachedEmbeddings>.Refused refused:
                return new EmbeddingResult.Failed(refused.Decision, refused.Error);
            case CallOutcome<AdapterEmbeddingResult, CachedEmbeddings>.Cached { Answer: var hit } cached:
                return new EmbeddingResult.Answered(cached.Decision, hit.Vectors, $"{hit.Provider}/{hit.Model}");
            case CallOutcome<AdapterEmbeddingResult, CachedEmbeddings>.Served served:
                var usage = served.Value.Usage;
                AnswerEnd end = callerAborted.IsCancellationRequested
                    ? new AnswerEnd.Cut(StatusCodes.Status499ClientClosedRequest, usage)
                    : new AnswerEnd.Complete(null, usage);
                var decision = await pipeline.FinishAsync(served, end);
                return new EmbeddingResult.Answered(decision, served.Value.Vectors, served.Delivery.Ticket.Candidate.Id);
            default:
                throw new UnreachableException();
        }
    }
}
