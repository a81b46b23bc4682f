using Dapr.Actors;

namespace Dapr.AiProvider.LocalDapr.Tests.Actors;

/// <summary>The test actor's interface, called through typed proxies (remoting with JSON serialization).</summary>
public interface ICounterActor : IActor
{
    Task<int> IncrementAsync();
    Task<string> WhoAmIAsync();
    Task SlowAsync(int milliseconds);
    Task StartReminderAsync(ScheduleRequest request);
    Task StopReminderAsync(string name);
    Task StartTimerAsync(ScheduleRequest request);
    /// <summary>Calls <see cref="IncrementAsync"/> on itself through a proxy (needs reentrancy).</summary>
    Task<int> IncrementViaSelfAsync();
    /// <summary>Throws: the actor error travels back as <c>X-DaprErrorResponseHeader</c>.</summary>
    Task FailAsync(string message);
}

/// <param name="PeriodMs">Negative: fire once.</param>
public sealed record ScheduleRequest(string Name, int DueMs, int PeriodMs, string Payload);
