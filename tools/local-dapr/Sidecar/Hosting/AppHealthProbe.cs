namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary>
/// <c>--enable-app-health-check</c>: GET <c>--app-health-check-path</c> every probe interval (500 ms timeout);
/// 3 consecutive failures mark the app unhealthy (as daprd's default threshold), one success healthy again.
/// </summary>
internal sealed partial class AppHealthProbe(
    SidecarOptions options, AppChannel app, AppHealth health, TimeProvider time, ILogger<AppHealthProbe> logger) : BackgroundService
{
    private const int Threshold = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.EnableAppHealthCheck || options.AppPort == 0)
        {
            return;
        }
        await app.Ready.WaitAsync(stoppingToken);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var ok = await ProbeAsync(stoppingToken);
            failures = ok ? 0 : failures + 1;
            if (ok && !health.IsHealthy)
            {
                health.Set(true);
                Log.Healthy(logger);
            }
            else if (failures >= Threshold && health.IsHealthy)
            {
                health.Set(false);
                Log.Unhealthy(logger, failures);
            }
            await Task.Delay(options.AppHealthProbeInterval, time, stoppingToken);
        }
    }

    private async Task<bool> ProbeAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(500));
        try
        {
            using var response = await app.Client.GetAsync(options.AppHealthCheckPath.TrimStart('/'), timeout.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(20, LogLevel.Information, "app entered healthy status")]
        public static partial void Healthy(ILogger logger);

        [LoggerMessage(21, LogLevel.Warning, "app entered unhealthy status after {Failures} failed probes")]
        public static partial void Unhealthy(ILogger logger, int failures);
    }
}
