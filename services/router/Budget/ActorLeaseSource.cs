using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Hosting;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Budget;

/// <summary>
/// Leases from <see cref="IQuotaActor"/> (plain JSON through the sidecar, <see cref="QuotaActorInvoker"/>), one call per slice (which also settles the previous one), never
/// per request. A call that fails for want of the quota service (a timeout, the sidecar or quota unreachable) makes every
/// scope fail fast for <see cref="BudgetOptions.RetryAfterFailureSeconds"/>: each lease holder already waits that long
/// after its own failure, but without this memory every other scope (a window per free model, the key, the team, global)
/// would first wait out its own call timeout, and requests piled up behind those waits while quota restarted (chaos suite).
/// </summary>
internal sealed class ActorLeaseSource(QuotaActorInvoker actors, IOptions<RouterOptions> options, TimeProvider time) : ILeaseSource
{
    private long _downUntilTicks;

    private TimeSpan Timeout => TimeSpan.FromSeconds(options.Value.Budget.CallTimeoutSeconds);

    public Task<LeaseGrant> AcquireAsync(string scope, LeaseRequest request, CancellationToken cancellationToken) =>
        CallAsync(() => actors.InvokeAsync(scope, nameof(IQuotaActor.AcquireLeaseAsync), request,
            QuotaActorJsonContext.Default.LeaseRequest, QuotaActorJsonContext.Default.LeaseGrant, cancellationToken), cancellationToken);

    public Task SettleAsync(string scope, LeaseSettlement settlement, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            await actors.InvokeAsync(scope, nameof(IQuotaActor.SettleLeaseAsync), settlement, QuotaActorJsonContext.Default.LeaseSettlement,
                cancellationToken);
            return true;
        }, cancellationToken);

    public Task LearnAsync(string scope, QuotaLimits stated, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            await actors.InvokeAsync(scope, nameof(IQuotaActor.LearnLimitsAsync), stated, QuotaActorJsonContext.Default.QuotaLimits,
                cancellationToken);
            return true;
        }, cancellationToken);

    private async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        if (time.GetUtcNow().UtcTicks < Volatile.Read(ref _downUntilTicks))
        {
            throw new HttpRequestException("The quota service failed moments ago; it is not asked again yet.");
        }
        try
        {
            return await call().WaitAsync(Timeout, time, cancellationToken);
        }
        catch (Exception ex) when (IsOutage(ex) && !cancellationToken.IsCancellationRequested)
        {
            Volatile.Write(ref _downUntilTicks, (time.GetUtcNow() + TimeSpan.FromSeconds(options.Value.Budget.RetryAfterFailureSeconds)).UtcTicks);
            throw;
        }
    }

    // A failure of the actor itself says quota is up; anything else on the way (timeout, connection, sidecar) says it is not.
    private static bool IsOutage(Exception ex) =>
        ex is TimeoutException or HttpRequestException or QuotaActorException { ActorFailed: false };
}
