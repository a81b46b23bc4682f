using Dapr.AiProvider.Router.State;
using Dapr.AiProvider.Router.Routing;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Catalog;
using Dapr.AiProvider.Router.Hosting;

namespace Dapr.AiProvider.Router.Cooldowns;

/// <summary>Learns provider cooldowns set by other replicas from the shared <c>QuotaActor</c>s (a few calls
/// per interval, never per request).</summary>
internal sealed partial class CooldownSync(
    ProviderCooldowns cooldowns, ICooldownNotifier notifier, CatalogStore catalog, TimeProvider time, ILogger<CooldownSync> logger) : PeriodicService(time)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(15);

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var provider in catalog.Current.Providers)
        {
            var scope = QuotaScopes.Provider(provider);
            if (await notifier.GetSharedUntilAsync(scope, cancellationToken) is { } until && until > Time.GetUtcNow())
            {
                cooldowns.Start(scope, until, "shared bench");
            }
        }
    }

    protected override void OnFailing(Exception exception) => Log.SyncFailed(logger, exception.GetType().Name);

    private static partial class Log
    {
        [LoggerMessage(1311, LogLevel.Debug, "Reading shared benches from the quota service failed ({Failure})")]
        public static partial void SyncFailed(ILogger logger, string failure);
    }
}
