using System.Collections.Concurrent;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

/// <summary>
/// Fires the persisted reminders of the actor types this app hosts: polls the due set, claims each due
/// reminder, delivers <c>PUT /actors/{type}/{id}/method/remind/{name}</c> through the normal actor routing
/// (so the owning instance runs it under the actor's turn), then reschedules or deletes it.
/// <c>X-Daprremindercancel: true</c> in the app's answer deletes it.
/// </summary>
internal sealed partial class ReminderService(
    ActorRuntime runtime,
    ReminderStore store,
    ActorInvoker invoker,
    TimeProvider time,
    ILogger<ReminderService> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private const int MaxRetries = 3;
    private readonly ConcurrentDictionary<string, Task> _firing = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var config = await runtime.Config.WaitAsync(stoppingToken);
            if (config.Entities.Count == 0)
            {
                return;
            }
            using var timer = new PeriodicTimer(Poll, time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var type in config.Entities)
                {
                    await ClaimAndFireAsync(type, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(_firing.Values).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ClaimAndFireAsync(string type, CancellationToken ct)
    {
        try
        {
            foreach (var record in await store.ClaimDueAsync(type, time.GetUtcNow()))
            {
                var key = record.Member;
                var task = FireAsync(record, ct);
                _firing[key] = task;
                _ = task.ContinueWith(_ => _firing.TryRemove(key, out Task? _), TaskScheduler.Default);
            }
        }
        catch (StackExchange.Redis.RedisException ex)
        {
            Log.PollFailed(logger, type, ex.Message);
        }
    }

    private async Task FireAsync(ReminderRecord record, CancellationToken ct)
    {
        try
        {
            if (record.ExpiresAtMs is { } expires && time.GetUtcNow().ToUnixTimeMilliseconds() >= expires)
            {
                await store.DeleteIfVersionAsync(record);
                return;
            }
            var body = ReminderApi.CallbackBody(null, record.Data, record.DueTime, record.Period);
            var call = new ActorCall(record.ActorType, record.ActorId, "remind/" + record.Name, body, "application/json", []);
            var result = await invoker.InvokeAsync(call, 0, ct);
            if (!result.IsSuccess)
            {
                Log.FireFailed(logger, record.ActorType, record.Name, result.Status);
                if (record.Failures < MaxRetries)
                {
                    // At-least-once like daprd's scheduler: a failed trigger is retried before moving on.
                    await store.RescheduleIfVersionAsync(record with { Failures = record.Failures + 1 }, time.GetUtcNow() + RetryDelay);
                    return;
                }
            }
            if (result.HasHeader("X-Daprremindercancel", "true"))
            {
                await store.DeleteIfVersionAsync(record);
                return;
            }
            await ScheduleNextAsync(record);
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or HttpRequestException)
        {
            Log.FireError(logger, record.ActorType, record.Name, ex.Message);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: the claim lease runs out and another (or the restarted) sidecar fires it.
        }
    }

    private async Task ScheduleNextAsync(ReminderRecord record)
    {
        if (!ActorDurations.TryParsePeriod(record.Period, out var period, out _) || period is null)
        {
            await store.DeleteIfVersionAsync(record);
            return;
        }
        var remaining = record.Remaining is { } left ? left - 1 : (int?)null;
        if (remaining is <= 0)
        {
            await store.DeleteIfVersionAsync(record);
            return;
        }
        await store.RescheduleIfVersionAsync(record with { Remaining = remaining, Failures = 0 }, time.GetUtcNow() + period.Value);
    }

    private static partial class Log
    {
        [LoggerMessage(211, LogLevel.Warning, "polling reminders of {Type} failed: {Error}")]
        public static partial void PollFailed(ILogger logger, string type, string error);

        [LoggerMessage(212, LogLevel.Warning, "reminder {Name} of a {Type} actor: the app answered {Status}")]
        public static partial void FireFailed(ILogger logger, string type, string name, int status);

        [LoggerMessage(213, LogLevel.Warning, "reminder {Name} of a {Type} actor failed: {Error}")]
        public static partial void FireError(ILogger logger, string type, string name, string error);
    }
}
