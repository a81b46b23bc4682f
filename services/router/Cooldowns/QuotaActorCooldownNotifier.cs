using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Hosting;

namespace Dapr.AiProvider.Router.Cooldowns;

/// <summary>Benches through <see cref="IQuotaActor.BenchAsync"/> on scope <c>provider:{id}[:{model}]</c>.</summary>
internal sealed class QuotaActorCooldownNotifier(QuotaActorInvoker actors) : ICooldownNotifier
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(3);

    public Task ShareAsync(string scope, BenchRequest request, CancellationToken cancellationToken) =>
        actors.InvokeAsync(scope, nameof(IQuotaActor.BenchAsync), request, QuotaActorJsonContext.Default.BenchRequest, cancellationToken)
            .WaitAsync(CallTimeout, cancellationToken);

    public async Task<DateTimeOffset?> GetSharedUntilAsync(string scope, CancellationToken cancellationToken)
    {
        var status = await actors.InvokeAsync(scope, nameof(IQuotaActor.GetStatusAsync), QuotaActorJsonContext.Default.QuotaStatus,
            cancellationToken).WaitAsync(CallTimeout, cancellationToken);
        return status.BenchedUntil;
    }
}
