namespace Dapr.AiProvider.Chaos.Tests;

/// <summary>Whether a fault takes the router away, and how: the answers it excuses differ (see <see cref="ChaosResult"/>).</summary>
internal enum RouterExit { None, Graceful, Killed }

/// <summary>
/// One fault of the schedule: injected at <see cref="At"/> (a fraction of the load's duration); the run then
/// waits for <see cref="RecoveredAsync"/> (the component is back and healthy) and prints how long it took.
/// </summary>
internal sealed record Fault(string Name, double At, Func<Task> InjectAsync, Func<Task<bool>> RecoveredAsync)
{
    public RouterExit Router { get; init; } = RouterExit.None;

    /// <summary>Set by the run: when the fault was injected and when it was over (relative to the load's start).</summary>
    public TimeSpan InjectedAt { get; set; }
    public TimeSpan? RecoveredAt { get; set; }
}
