namespace Dapr.AiProvider.Chaos.Tests;

/// <summary>
/// One fault of the schedule: injected at <see cref="At"/> (a fraction of the load's duration); the run then
/// waits for <see cref="RecoveredAsync"/> (the component is back and healthy) and prints how long it took.
/// </summary>
internal sealed record Fault(string Name, double At, Func<Task> InjectAsync, Func<Task<bool>> RecoveredAsync)
{
    /// <summary>Set by the run: when the fault was injected and when it was over (relative to the load's start).</summary>
    public TimeSpan InjectedAt { get; set; }
    public TimeSpan? RecoveredAt { get; set; }
}
