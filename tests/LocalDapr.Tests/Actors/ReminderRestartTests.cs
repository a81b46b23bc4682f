using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.LocalDapr.Tests.Actors;

/// <summary>Reminders are persisted in Redis: one registered before a sidecar crash fires after the restart.</summary>
[Trait("Category", "Process")]
public sealed class ReminderRestartTests
{
    [Fact]
    public async Task Reminder_SidecarKilledBeforeDue_FiresAfterRestart()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var env = await ActorEnvironment.StartAsync(redis, "reminder-restart", "A", TimeSpan.FromMinutes(5));
        var id = "survivor";

        await env.Proxy(id).StartReminderAsync(new ScheduleRequest("later", 3000, -1, "kept"));
        env.Sidecar.Kill();
        await Task.Delay(500);
        await env.Sidecar.RestartAsync();

        await env.Events.WaitForAsync($"remind:{id}:later:kept", timeout: TimeSpan.FromSeconds(20));
        await Task.Delay(1000);
        Assert.Equal(1, env.Events.Count($"remind:{id}:later:kept"));
    }
}
