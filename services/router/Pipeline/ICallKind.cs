using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Failover;
using Dapr.AiProvider.Router.Routing;

namespace Dapr.AiProvider.Router.Pipeline;

/// <summary>
/// What differs between the kinds of call the one <see cref="RequestPipeline{TAnswer}"/> runs: how a call is prepared
/// (validated, routed, its cache slot), how one candidate is asked and what counts as its answer <typeparamref name="T"/>,
/// and what the cache keeps of an answer that ended whole. Chat: <see cref="ChatKind{T}"/> (<see cref="CompletionAttempt"/>,
/// <c>StreamAttempt</c>); embeddings: <c>EmbeddingKind</c>.
/// </summary>
internal interface ICallKind<T, TAnswer>
    where TAnswer : CachedAnswer
{
    /// <param name="call">The call as budgets, usage events and spans see it.</param>
    Task<Step<PreparedCall>> PrepareAsync(ChatCall call, CancellationToken cancellationToken);

    /// <param name="sendBy">The instant by which the request must leave for the provider (its window lease's end), or null.</param>
    Task<AttemptOutcome<T>> SendAsync(PreparedCall prepared, Candidate candidate, DateTimeOffset? sendBy, CancellationToken cancellationToken);

    /// <summary>
    /// The kind's own part of the answer to cache (null: nothing to cache); the pipeline adds who answered, the tokens
    /// and the cost (<see cref="CachedAnswer"/>).
    /// </summary>
    TAnswer? ToCached(T value, AnswerEnd.Complete end);
}
