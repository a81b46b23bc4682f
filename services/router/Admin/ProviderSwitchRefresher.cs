namespace Dapr.AiProvider.Router.Admin;

/// <summary>Reloads the disabled-provider set every 5 s; a store outage keeps the last known set.</summary>
internal sealed partial class ProviderSwitchRefresher(ProviderSwitches switches, TimeProvider time, ILogger<ProviderSwitchRefresher> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failing = false;
        do
        {
            try
            {
                await switches.RefreshAsync(stoppingToken);
                failing = false;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (!failing)
                {
                    Log.RefreshFailed(logger, ex.GetType().Name);
                }
                failing = true;
            }
            try
            {
                await Task.Delay(Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        while (!stoppingToken.IsCancellationRequested);
    }

    private static partial class Log
    {
        [LoggerMessage(2212, LogLevel.Warning, "Disabled-provider set could not be refreshed ({Error}); keeping the last one")]
        public static partial void RefreshFailed(ILogger logger, string error);
    }
}
