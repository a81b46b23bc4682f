using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Failover;
using Dapr.AiProvider.Router.Routing;

namespace Dapr.AiProvider.Router.Pipeline;

/// <summary>
/// A chat completion, streamed or not: prepared by <see cref="CallPlanner"/>, cached as the completion the edge
/// assembled. The two differ only in how one candidate is asked (<see cref="CompletionAttempt"/>, <c>StreamAttempt</c>).
/// </summary>
internal abstract class ChatKind<T>(CallPlanner planner) : ICallKind<T, CachedCompletion>
{
    public Task<Step<PreparedCall>> PrepareAsync(ChatCall call, CancellationToken cancellationToken) =>
        planner.PrepareAsync(call, cancellationToken);

    public abstract Task<AttemptOutcome<T>> SendAsync(PreparedCall prepared, Candidate candidate, DateTimeOffset? sendBy, CancellationToken cancellationToken);

    public CachedCompletion? ToCached(T value, AnswerEnd.Complete end) =>
        end.Completion is { } completion ? new CachedCompletion { Completion = completion } : null;
}
