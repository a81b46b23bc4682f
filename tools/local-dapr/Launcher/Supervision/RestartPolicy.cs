namespace Dapr.AiProvider.LocalDapr.Launcher.Supervision;

/// <summary>
/// When a supervised app or sidecar exits while the launcher is not stopping, it is started again after
/// <see cref="InitialBackoff"/>, doubled for each further crash within <see cref="Window"/> up to
/// <see cref="MaxBackoff"/>; a process that crashes more than <see cref="MaxRestarts"/> times within
/// <see cref="Window"/> is given up on and the launcher stops everything (as Kubernetes' CrashLoopBackOff
/// doubles its delay, but a local run should end visibly rather than retry for ever).
/// </summary>
internal sealed record RestartPolicy
{
    public static RestartPolicy Default { get; } = new();

    /// <summary>False with <c>--no-restart</c>: an exit is only reported, as before supervision.</summary>
    public bool Enabled { get; init; } = true;
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
    public int MaxRestarts { get; init; } = 5;
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// What to do after a crash at <paramref name="now"/>, given the process's earlier crash times
    /// (<paramref name="earlierCrashes"/>, oldest first, this one not included).
    /// </summary>
    public RestartDecision Decide(IReadOnlyList<DateTimeOffset> earlierCrashes, DateTimeOffset now)
    {
        var inWindow = 1 + earlierCrashes.Count(t => now - t < Window);
        if (inWindow > MaxRestarts)
        {
            return new RestartDecision.GiveUp(inWindow);
        }

        // 2^(n-1) without overflow: past 2^20 the cap has long been reached.
        var factor = Math.Pow(2, Math.Min(inWindow - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(InitialBackoff.Ticks * factor, MaxBackoff.Ticks));
        return new RestartDecision.Restart(delay, earlierCrashes.Count + 1);
    }
}

/// <summary>The outcome of <see cref="RestartPolicy.Decide"/>.</summary>
internal abstract record RestartDecision
{
    private RestartDecision()
    {
    }

    /// <summary>Start it again after <paramref name="Delay"/>; <paramref name="Number"/> counts restarts since launch.</summary>
    public sealed record Restart(TimeSpan Delay, int Number) : RestartDecision;

    /// <summary>It crashed <paramref name="CrashesInWindow"/> times within the window: stop everything.</summary>
    public sealed record GiveUp(int CrashesInWindow) : RestartDecision;
}
