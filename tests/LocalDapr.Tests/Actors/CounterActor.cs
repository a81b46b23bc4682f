using System.Text;
using Dapr.Actors.Runtime;

namespace Dapr.AiProvider.LocalDapr.Tests.Actors;

/// <summary>The test actor: counts in actor state, records lifecycle, reminders and timers in <see cref="ActorEvents"/>.</summary>
public sealed class CounterActor(ActorHost host, ActorEvents events) : Actor(host), ICounterActor, IRemindable
{
    private string ActorId => Id.GetId();

    protected override Task OnActivateAsync()
    {
        events.Add("activate:" + ActorId);
        return Task.CompletedTask;
    }

    protected override Task OnDeactivateAsync()
    {
        events.Add("deactivate:" + ActorId);
        return Task.CompletedTask;
    }

    public async Task<int> IncrementAsync()
    {
        var count = await StateManager.GetOrAddStateAsync("count", 0) + 1;
        await StateManager.SetStateAsync("count", count);
        return count;
    }

    public Task<int> IncrementViaSelfAsync() =>
        ProxyFactory.CreateActorProxy<ICounterActor>(Id, nameof(CounterActor)).IncrementAsync();

    public Task FailAsync(string message) => throw new InvalidOperationException(message);

    public Task<string> WhoAmIAsync() => Task.FromResult(events.Tag);

    public async Task SlowAsync(int milliseconds)
    {
        var start = DateTime.UtcNow;
        await Task.Delay(milliseconds);
        events.AddCall(ActorId, start, DateTime.UtcNow);
    }

    public Task StartReminderAsync(ScheduleRequest request) =>
        RegisterReminderAsync(request.Name, Encoding.UTF8.GetBytes(request.Payload),
            TimeSpan.FromMilliseconds(request.DueMs), TimeSpan.FromMilliseconds(request.PeriodMs));

    public Task StopReminderAsync(string name) => UnregisterReminderAsync(name);

    public Task StartTimerAsync(ScheduleRequest request) =>
        RegisterTimerAsync(request.Name, nameof(OnTimerAsync), Encoding.UTF8.GetBytes(request.Payload),
            TimeSpan.FromMilliseconds(request.DueMs), TimeSpan.FromMilliseconds(request.PeriodMs));

    public Task OnTimerAsync(byte[] data)
    {
        events.Add($"timer:{ActorId}:{Encoding.UTF8.GetString(data)}");
        return Task.CompletedTask;
    }

    public Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period)
    {
        events.Add($"remind:{ActorId}:{reminderName}:{Encoding.UTF8.GetString(state)}");
        return Task.CompletedTask;
    }
}
