using Dapr.AiProvider.Router.State;
namespace Dapr.AiProvider.Router.Hosting;

/// <summary>
/// A background loop that runs one round every <see cref="Interval"/> off the request path. A failed round is
/// reported once per run of failures (a store outage does not flood the log) and the loop carries on.
/// </summary>
internal abstract class PeriodicService(TimeProvider time) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    /// <summary>Read once when the loop starts.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>Run a round at start instead of waiting one interval first.</summary>
    protected virtual bool RunAtStart => false;

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    /// <summary>The first failed round after a good one (or after start).</summary>
    protected abstract void OnFailing(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = Interval;
        var failing = false;
        var wait = !RunAtStart;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (wait)
                {
                    await Task.Delay(interval, Time, stoppingToken);
                }
                wait = true;
                await RunOnceAsync(stoppingToken);
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
                    OnFailing(ex);
                }
                failing = true;
            }
        }
    }
}
