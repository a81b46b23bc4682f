using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Cooldowns;
using Dapr.AiProvider.Router.Circuits;
using Dapr.AiProvider.Router.Diagnostics;
using Dapr.AiProvider.Router.Health;
using Dapr.AiProvider.Router.Routing;

namespace Dapr.AiProvider.Router.Failover;

/// <summary>
/// The one place an attempt's end is recorded: circuits, cooldowns, provider health, latency and the
/// failover metric. The failover loop reports the attempts that failed; whoever finishes the winning
/// answer (the pipeline for a completion, the stream relay for a stream) reports the winner's
/// <see cref="AttemptTicket"/> — each attempt exactly once. Per-attempt logs and spans belong here too.
/// </summary>
internal sealed class AttemptSink(
    CircuitBreakerRegistry circuits, CooldownCoordinator cooldowns, LatencyTracker latency, ProviderHealthTracker health,
    RouterMetrics metrics, TimeProvider time, ILogger<AttemptSink> logger)
{
    /// <summary>
    /// Attempt number <paramref name="attempt"/> is about to be sent to <paramref name="candidate"/>; when an earlier
    /// attempt failed (<paramref name="lastFailure"/>) this is a failover: one log line and the failover counter.
    /// </summary>
    public void Starting(Candidate candidate, AttemptRecord? lastFailure, int attempt)
    {
        if (lastFailure is { ErrorClass: { } failedClass })
        {
            FailoverLog.FailedOver(logger, metrics, lastFailure.ModelId, ProviderOf(lastFailure.ModelId), candidate.Id, failedClass, attempt);
        }
    }

    private static string ProviderOf(string modelId) => modelId.Split('/', 2)[0];

    /// <summary>The candidate answered (a whole completion, or a stream that ended without a provider failure).</summary>
    public async Task SucceededAsync(AttemptTicket ticket, CancellationToken cancellationToken)
    {
        await circuits.OnSuccessAsync(ticket.Permit, cancellationToken);
        latency.Record(ticket.Candidate.Id, ticket.ElapsedMs);
        health.Success(ticket.Candidate.Provider, time.GetUtcNow());
    }

    /// <summary>The candidate failed: before answering (failover loop) or after content had been sent (stream relay).</summary>
    public async Task FailedAsync(Candidate candidate, CircuitPermit permit, AdapterError error, CancellationToken cancellationToken)
    {
        var located = error with { Provider = candidate.Provider, Model = candidate.ModelName };
        await circuits.OnFailureAsync(permit, located, cancellationToken);
        health.Failure(candidate.Provider, error.Class, time.GetUtcNow());
        cooldowns.Apply(located);
    }

    /// <summary>The attempt ended without a verdict on the provider (the caller left or the deadline passed).</summary>
    public void Abandoned(CircuitPermit permit) => circuits.ReleaseProbe(permit);
}
