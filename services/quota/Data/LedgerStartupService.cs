namespace Dapr.AiProvider.Quota.Data;

/// <summary>Applies the migrations at start, retrying with back-off while PostgreSQL is unreachable (start-up never blocks on it).</summary>
internal sealed partial class LedgerStartupService(LedgerDatabase database, TimeProvider time, ILogger<LedgerStartupService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await database.GetReadyAsync(stoppingToken);
                Log.SchemaReady(logger);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Log.SchemaNotReady(logger, ex.GetType().Name, ex.Message, delay.TotalSeconds);
            }
            await Task.Delay(delay, time, stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(15).Ticks));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Ledger schema is current")]
        public static partial void SchemaReady(ILogger logger);

        [LoggerMessage(2, LogLevel.Warning, "Ledger not ready ({Error}: {Message}); retrying in {DelaySeconds} s")]
        public static partial void SchemaNotReady(ILogger logger, string error, string message, double delaySeconds);
    }
}
