namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

/// <summary>
/// Loads the actor configuration, then keeps the owner leases of active actors alive and deactivates
/// actors idle for longer than <c>actorIdleTimeout</c> (checked every <c>actorScanInterval</c>):
/// <c>DELETE /actors/{type}/{id}</c> on the app, then the owner key is released. On shutdown the
/// keys are released so other instances can take the actors at once.
/// </summary>
internal sealed partial class ActorMaintenanceService(
    ActorConfigLoader loader,
    ActorRuntime runtime,
    ActorTable table,
    ActorPlacement placement,
    ActorAppClient appClient,
    TimeProvider time,
    ILogger<ActorMaintenanceService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await loader.LoadAsync(stoppingToken);
            var config = runtime.Current;
            if (config.Entities.Count == 0)
            {
                return;
            }
            var tick = TimeSpan.FromTicks(Math.Min(config.ScanInterval.Ticks, ActorPlacement.Lease.Ticks / 3));
            var lastScan = time.GetUtcNow();
            using var timer = new PeriodicTimer(tick, time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RenewAsync();
                if (time.GetUtcNow() - lastScan >= config.ScanInterval)
                {
                    lastScan = time.GetUtcNow();
                    await DeactivateIdleAsync(config, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await Task.WhenAll(table.All.Select(a => placement.ReleaseAsync(a.Type, a.Id)));
        }
        catch (StackExchange.Redis.RedisException ex)
        {
            Log.MaintenanceFailed(logger, ex.Message);
        }
    }

    private async Task RenewAsync()
    {
        try
        {
            await placement.RenewAsync(table.All.Where(a => !a.Deactivated).ToList());
        }
        catch (StackExchange.Redis.RedisException ex)
        {
            Log.MaintenanceFailed(logger, ex.Message);
        }
    }

    private async Task DeactivateIdleAsync(ActorRuntimeConfig config, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        foreach (var activation in table.All)
        {
            if (now - activation.LastUsed < config.IdleTimeout || !activation.TryBeginDeactivation())
            {
                continue;
            }
            table.Remove(activation);
            try
            {
                if (!await appClient.DeactivateAsync(activation.Type, activation.Id, ct))
                {
                    Log.DeactivateRefused(logger, activation.Type);
                }
                if (table.Find(activation.Type, activation.Id) is null)
                {
                    await placement.ReleaseAsync(activation.Type, activation.Id);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or StackExchange.Redis.RedisException)
            {
                Log.MaintenanceFailed(logger, ex.Message);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(241, LogLevel.Warning, "actor maintenance failed: {Error}")]
        public static partial void MaintenanceFailed(ILogger logger, string error);

        [LoggerMessage(242, LogLevel.Warning, "the app refused to deactivate a {Type} actor")]
        public static partial void DeactivateRefused(ILogger logger, string type);
    }
}
