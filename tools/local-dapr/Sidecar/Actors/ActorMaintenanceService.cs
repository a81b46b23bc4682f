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
                await RenewAsync(stoppingToken);
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

    private async Task RenewAsync(CancellationToken ct)
    {
        IReadOnlyList<ActorActivation> lost;
        try
        {
            lost = await placement.RenewAsync(table.All.Where(a => !a.Deactivated).ToList());
        }
        catch (StackExchange.Redis.RedisException ex)
        {
            Log.MaintenanceFailed(logger, ex.Message);
            return;
        }
        // Another instance holds the key now (ours lapsed while this process stalled): stop hosting the actor
        // here. A busy one is retried on the next tick.
        foreach (var activation in lost)
        {
            if (activation.TryBeginDeactivation())
            {
                Log.OwnershipLost(logger, activation.Type);
                await DeactivateAsync(activation, release: false, ct);
            }
        }
    }

    private async Task DeactivateIdleAsync(ActorRuntimeConfig config, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        foreach (var activation in table.All)
        {
            if (now - activation.LastUsed >= config.IdleTimeout && activation.TryBeginDeactivation())
            {
                await DeactivateAsync(activation, release: true, ct);
            }
        }
    }

    /// <summary>
    /// Tells the app, then releases the owner key, and only then removes the activation from the table: calls
    /// for the id wait on <see cref="ActorActivation.Gone"/> meanwhile, so a new activation (here or elsewhere)
    /// can only start once the key is free and the old one has ended.
    /// </summary>
    private async Task DeactivateAsync(ActorActivation activation, bool release, CancellationToken ct)
    {
        try
        {
            if (!await appClient.DeactivateAsync(activation.Type, activation.Id, ct))
            {
                Log.DeactivateRefused(logger, activation.Type);
            }
        }
        catch (HttpRequestException ex)
        {
            Log.MaintenanceFailed(logger, ex.Message);
        }
        try
        {
            if (release)
            {
                await placement.ReleaseAsync(activation.Type, activation.Id);
            }
        }
        catch (StackExchange.Redis.RedisException ex)
        {
            Log.MaintenanceFailed(logger, ex.Message);
        }
        finally
        {
            table.Remove(activation);
            activation.MarkGone();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(241, LogLevel.Warning, "actor maintenance failed: {Error}")]
        public static partial void MaintenanceFailed(ILogger logger, string error);

        [LoggerMessage(242, LogLevel.Warning, "the app refused to deactivate a {Type} actor")]
        public static partial void DeactivateRefused(ILogger logger, string type);

        [LoggerMessage(243, LogLevel.Warning, "another instance took over a {Type} actor hosted here; deactivating it")]
        public static partial void OwnershipLost(ILogger logger, string type);
    }
}
