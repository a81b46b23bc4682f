using Dapr.Actors;
using Dapr.Actors.Client;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Configuration;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Budget;

/// <summary>Leases from <see cref="IQuotaActor"/> (JSON remoting), one call per slice (which also settles the previous one), never per request.</summary>
internal sealed class ActorLeaseSource(IActorProxyFactory proxies, IOptions<RouterOptions> options) : ILeaseSource
{
    private TimeSpan Timeout => TimeSpan.FromSeconds(options.Value.Budget.CallTimeoutSeconds);

    public Task<LeaseGrant> AcquireAsync(string scope, LeaseRequest request, CancellationToken cancellationToken) =>
        Proxy(scope).AcquireLeaseAsync(request).WaitAsync(Timeout, cancellationToken);

    public Task SettleAsync(string scope, LeaseSettlement settlement, CancellationToken cancellationToken) =>
        Proxy(scope).SettleLeaseAsync(settlement).WaitAsync(Timeout, cancellationToken);

    public Task LearnAsync(string scope, QuotaLimits stated, CancellationToken cancellationToken) =>
        Proxy(scope).LearnLimitsAsync(stated).WaitAsync(Timeout, cancellationToken);

    private IQuotaActor Proxy(string scope) =>
        proxies.CreateActorProxy<IQuotaActor>(QuotaActorIds.For(scope), DaprNames.Actors.Quota);
}
