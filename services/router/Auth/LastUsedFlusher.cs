using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Configuration;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Auth;

/// <summary>Sends the keys seen since the last tick to quota in one batched call, off the request path.</summary>
internal sealed partial class LastUsedFlusher(KeyUsageTracker usage, IKeyDirectory directory, IOptions<AuthOptions> options,
    TimeProvider time, ILogger<LastUsedFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.LastUsedFlushSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal async Task FlushAsync(CancellationToken cancellationToken)
    {
        var batch = usage.Drain();
        if (batch.Count == 0)
        {
            return;
        }
        try
        {
            await directory.TouchAsync([.. batch.Keys], batch.Values.Max(), cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.FlushFailed(logger, batch.Count, ex.GetType().Name);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(2111, LogLevel.Warning, "Could not record last use of {Count} keys ({Error}); they are retried on next use")]
        public static partial void FlushFailed(ILogger logger, int count, string error);
    }
}
