using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Failover;
using Dapr.AiProvider.Router.Routing;

namespace Dapr.AiProvider.Router.Pipeline;

/// <summary>A non-streamed call to one candidate: its answer is the whole completion.</summary>
internal sealed class CompletionAttempt(ICompletionBackend backend, CallPlanner planner) : ChatKind<AdapterChatResult>(planner)
{
    public override Task<AttemptOutcome<AdapterChatResult>> SendAsync(PreparedCall prepared, Candidate candidate, DateTimeOffset? sendBy, CancellationToken cancellationToken) =>
        backend.CompleteAsync(prepared.ForCandidate(candidate, stream: false, sendBy), cancellationToken);
}
