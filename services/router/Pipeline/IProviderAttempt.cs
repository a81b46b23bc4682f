using Dapr.AiProvider.Router.Usage;
using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Failover;
using Dapr.AiProvider.Router.Routing;

namespace Dapr.AiProvider.Router.Pipeline;

/// <summary>
/// The one thing that differs between request kinds inside the pipeline: how one candidate is called and what
/// counts as its answer (<see cref="CompletionAttempt"/>: a whole completion; <c>StreamAttempt</c>: a stream that produced content).
/// </summary>
internal interface IProviderAttempt<T>
{
    Task<AttemptOutcome<T>> SendAsync(PreparedCall prepared, Candidate candidate, CancellationToken cancellationToken);
}
