using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Contracts.Embeddings;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Failover;
using Dapr.AiProvider.Router.Pipeline;
using Dapr.AiProvider.Router.Routing;

namespace Dapr.AiProvider.Router.Embeddings;

/// <summary>One embedding request as a kind of call of the one pipeline: its inputs go to each candidate, its vectors are cached.</summary>
internal sealed class EmbeddingKind(EmbeddingCall call, EmbeddingPlanner planner, IEmbeddingBackend backend)
    : ICallKind<AdapterEmbeddingResult, CachedEmbeddings>
{
    /// <summary>The call as budgets, usage events and spans see it: task type <c>embeddings</c>, the model as asked, never a stream.</summary>
    public ChatCall View { get; } = new()
    {
        RequestId = call.RequestId, Identity = call.Identity, TaskType = EmbeddingCall.TaskType, RequestedTaskType = EmbeddingCall.TaskType,
        Request = new ChatCompletionRequest { Model = call.Model }, Strategy = call.Strategy, StartedTimestamp = call.StartedTimestamp,
    };

    public Task<Step<PreparedCall>> PrepareAsync(ChatCall view, CancellationToken cancellationToken) =>
        planner.PrepareAsync(call, view, cancellationToken);

    public Task<AttemptOutcome<AdapterEmbeddingResult>> SendAsync(PreparedCall prepared, Candidate candidate, DateTimeOffset? sendBy, CancellationToken cancellationToken) =>
        backend.EmbedAsync(new AdapterEmbeddingRequest
        {
            RequestId = call.RequestId, Provider = candidate.Provider, Model = candidate.ModelName, Inputs = call.Inputs,
            Dimensions = call.Dimensions, User = call.User,
            CountedTokens = candidate.EstimatedTokens, // every input's tokens (EmbeddingPlanner)
            SendBy = sendBy,
        }, cancellationToken);

    public CachedEmbeddings ToCached(AdapterEmbeddingResult value, AnswerEnd.Complete end) => new() { Vectors = value.Vectors };
}
