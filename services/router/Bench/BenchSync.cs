using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Catalog;

namespace Dapr.AiProvider.Router.Bench;

/// <summary>Learns provider benches set by other replicas from the shared <c>QuotaActor</c>s (a few calls
/// per interval, never per request).</summary>
internal sealed partial class BenchSync(
    ProviderBench bench, IBenchNotifier notifier, CatalogStore catalog, TimeProvider time, ILogger<BenchSync> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, time, stoppingToken);
                foreach (var provider in catalog.Current.Providers)
                {
                    var scope = QuotaScopes.Provider(provider);
                    if (await notifier.GetBenchedUntilAsync(scope, stoppingToken) is { } until && until > time.GetUtcNow())
                    {
                        bench.Bench(scope, until, "shared bench");
                    }
                }
                failing = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                if (!failing)
                {
                    Log.SyncFailed(logger, ex.GetType().Name);
                }
                failing = true;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1311, LogLevel.Debug, "Reading shared benches from the quota service failed ({Failure})")]
        public static partial void SyncFailed(ILogger logger, string failure);
    }
}
