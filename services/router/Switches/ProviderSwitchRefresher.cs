using Dapr.AiProvider.Router.State;
using Dapr.AiProvider.Router.Admin;
using Dapr.AiProvider.Router.Hosting;

namespace Dapr.AiProvider.Router.Switches;

/// <summary>Reloads the disabled-provider set every 5 s; a store outage keeps the last known set.</summary>
internal sealed partial class ProviderSwitchRefresher(ProviderSwitches switches, TimeProvider time, ILogger<ProviderSwitchRefresher> logger)
    : PeriodicService(time)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(5);

    protected override bool RunAtStart => true;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => switches.RefreshAsync(cancellationToken);

    protected override void OnFailing(Exception exception) => Log.RefreshFailed(logger, exception.GetType().Name);

    private static partial class Log
    {
        [LoggerMessage(2212, LogLevel.Warning, "Disabled-provider set could not be refreshed ({Error}); keeping the last one")]
        public static partial void RefreshFailed(ILogger logger, string error);
    }
}
