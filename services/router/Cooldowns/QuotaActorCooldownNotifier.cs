using Dapr.AiProvider.Router.Routing;
using Dapr.Actors;
using Dapr.Actors.Client;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Quota;

namespace Dapr.AiProvider.Router.Cooldowns;

/// <summary>Benches through <see cref="IQuotaActor.BenchAsync"/> on scope <c>provider:{id}[:{model}]</c>.</summary>
internal sealed class QuotaActorCooldownNotifier(IActorProxyFactory proxies) : ICooldownNotifier
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(3);

    public Task ShareAsync(string scope, BenchRequest request, CancellationToken cancellationToken) =>
        Proxy(scope).BenchAsync(request).WaitAsync(CallTimeout, cancellationToken);

    public async Task<DateTimeOffset?> GetSharedUntilAsync(string scope, CancellationToken cancellationToken)
    {
        var status = await Proxy(scope).GetStatusAsync().WaitAsync(CallTimeout, cancellationToken);
        return status.BenchedUntil;
    }

    private IQuotaActor Proxy(string scope) =>
        proxies.CreateActorProxy<IQuotaActor>(QuotaActorIds.For(scope), DaprNames.Actors.Quota);
}
