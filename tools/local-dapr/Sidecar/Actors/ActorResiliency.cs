using Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

/// <summary>
/// Applies the <c>actors</c> resiliency target (timeout, retry, circuit breaker per type) to API-originated
/// actor calls, as daprd's actor router does. A failure the sidecar or app produced (not an actor error
/// carrying <c>X-DaprErrorResponseHeader</c>) counts as failed; after the policy gives up, the last answer
/// is returned, or daprd's ERR_ACTOR_INVOKE_METHOD for a timeout or an open breaker.
/// </summary>
internal sealed class ActorResiliency(IServiceProvider services)
{
    public async Task<ActorCallResult> ExecuteAsync(string actorType, Func<CancellationToken, Task<ActorCallResult>> call, CancellationToken ct)
    {
        if (services.GetService<IResiliencyProvider>()?.Actor(actorType) is not { } pipeline)
        {
            return await call(ct);
        }
        ActorCallResult? last = null;
        try
        {
            return await pipeline.ExecuteAsync(async token =>
            {
                last = await call(token);
                return IsFailure(last) ? throw new ActorCallFailedException(last.Status) : last;
            }, ct);
        }
        catch (ActorCallFailedException) when (last is not null)
        {
            return last;
        }
        catch (TimeoutRejectedException)
        {
            return ActorCallResult.Error(500, "ERR_ACTOR_INVOKE_METHOD", "error invoke actor method: context deadline exceeded");
        }
        catch (BrokenCircuitException)
        {
            return ActorCallResult.Error(500, "ERR_ACTOR_INVOKE_METHOD", "error invoke actor method: circuit breaker is open");
        }
    }

    private static bool IsFailure(ActorCallResult result) =>
        !result.IsSuccess && !result.HasHeader(ActorCallResult.ErrorResponseHeader);

    private sealed class ActorCallFailedException(int status) : Exception($"actor call failed with {status}");
}
