using Dapr.AiProvider.Router.Usage;
using Dapr.AiProvider.Router.Caching;
using System.Diagnostics;
using Dapr.AiProvider.Router.Api;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Pipeline;

namespace Dapr.AiProvider.Router.Streaming;

/// <summary>
/// The streamed edge of <see cref="RequestPipeline{TAnswer}"/>: headers go out with the decision (cost estimated), then
/// the cached replay or the live relay; the pipeline is told how a live stream ended, whatever happened.
/// </summary>
internal sealed class StreamResponder(RequestPipeline<CachedCompletion> pipeline, StreamAttempt attempt, StreamRelay relay, TimeProvider time)
{
    /// <summary>Streams the answer as OpenAI chat-completion chunks.</summary>
    public Task<IResult> RespondAsync(HttpContext context, ChatCall call) =>
        RespondAsync(context, call, new SseWriter(context.Response, call.Request.StreamOptions?.IncludeUsage == true));

    /// <summary>Streams the answer in the dialect <paramref name="writer"/> speaks.</summary>
    public async Task<IResult> RespondAsync(HttpContext context, ChatCall call, IStreamWriter writer)
    {
        var aborted = context.RequestAborted;
        var outcome = await pipeline.RunAsync(call, attempt, aborted);
        DecisionHeaders.Apply(context.Response, outcome.Decision, time.GetElapsedTime(call.StartedTimestamp),
            costEstimated: outcome is CallOutcome<CommittedStream, CachedCompletion>.Served);
        switch (outcome)
        {
            case CallOutcome<CommittedStream, CachedCompletion>.Refused refused:
                return ErrorWriter.ToResult(context, refused.Error, time);
            case CallOutcome<CommittedStream, CachedCompletion>.Cached cached:
                await StreamRelay.ReplayAsync(writer, cached.Answer, aborted);
                return Results.Empty;
            case CallOutcome<CommittedStream, CachedCompletion>.Served served:
                AnswerEnd end = new AnswerEnd.Cut(StatusCodes.Status500InternalServerError, null); // if the relay itself fails
                try
                {
                    end = await relay.RelayAsync(writer, call, served.Value, served.Delivery.Ticket.Candidate,
                        served.Delivery.Prepared.Query.PromptTokens, aborted);
                }
                finally
                {
                    await pipeline.FinishAsync(served, end);
                }
                return Results.Empty;
            default:
                throw new UnreachableException();
        }
    }
}
