using Dapr.AiProvider.Router.Usage;
using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Failover;
using Dapr.AiProvider.Router.Pipeline;
using Dapr.AiProvider.Router.Routing;

namespace Dapr.AiProvider.Router.Streaming;

/// <summary>
/// A streamed call to one candidate: its answer is a stream that produced its first content delta (or ended
/// cleanly without any). Role-only and usage frames before that are held back, so an <c>error</c> event or a
/// cut stream before content is an ordinary failed attempt and failover moves on invisibly.
/// </summary>
internal sealed class StreamAttempt(ICompletionBackend backend, CallPlanner planner) : ChatKind<CommittedStream>(planner)
{
    public override async Task<AttemptOutcome<CommittedStream>> SendAsync(PreparedCall prepared, Candidate candidate, DateTimeOffset? sendBy, CancellationToken cancellationToken)
    {
        var opened = await backend.OpenStreamAsync(prepared.ForCandidate(candidate, stream: true, sendBy), cancellationToken);
        return opened switch
        {
            AttemptOutcome<IBackendStream>.Succeeded { Value: var stream } => await HoldBackUntilContentAsync(stream, candidate, cancellationToken),
            AttemptOutcome<IBackendStream>.Failed { Error: var error } => AttemptOutcome<CommittedStream>.Failure(error),
            AttemptOutcome<IBackendStream>.Unreachable { Reason: var reason } => AttemptOutcome<CommittedStream>.HopFailed(reason),
            AttemptOutcome<IBackendStream>.HopBreakerOpen { Reason: var reason } => AttemptOutcome<CommittedStream>.HopRefused(reason),
            _ => throw new System.Diagnostics.UnreachableException(),
        };
    }

    private static async Task<AttemptOutcome<CommittedStream>> HoldBackUntilContentAsync(
        IBackendStream stream, Candidate candidate, CancellationToken cancellationToken)
    {
        var prefix = new List<BackendStreamEvent>();
        try
        {
            while (true)
            {
                var next = await stream.ReadAsync(cancellationToken);
                switch (next)
                {
                    case null:
                        await stream.DisposeAsync();
                        return AttemptOutcome<CommittedStream>.Failure(new AdapterError
                        {
                            Class = ErrorClass.StreamInterrupted, Message = "The provider stream ended before any content.",
                            Provider = candidate.Provider, Model = candidate.ModelName,
                        });
                    case BackendStreamEvent.Error { Failure: var error }:
                        await stream.DisposeAsync();
                        return AttemptOutcome<CommittedStream>.Failure(error with { AfterContent = false });
                    case BackendStreamEvent.Done:
                        prefix.Add(next);
                        return AttemptOutcome<CommittedStream>.Success(new CommittedStream(stream, prefix, Finished: true));
                    case BackendStreamEvent.Chunk { HasContent: true }:
                        prefix.Add(next);
                        return AttemptOutcome<CommittedStream>.Success(new CommittedStream(stream, prefix, Finished: false));
                    default:
                        prefix.Add(next);
                        break;
                }
            }
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }
}
