using Dapr.AiProvider.LocalDapr.Launcher;
using Dapr.AiProvider.LocalDapr.Launcher.Supervision;

namespace Dapr.AiProvider.LocalDapr.Tests.Launcher;

public sealed class RestartPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly RestartPolicy Policy = RestartPolicy.Default;

    private static List<DateTimeOffset> SecondsAgo(params int[] seconds) => [.. seconds.Select(s => Now.AddSeconds(-s))];

    [Fact]
    public void Decide_FirstCrash_RestartsAfterInitialBackoff() =>
        Assert.Equal(new RestartDecision.Restart(TimeSpan.FromSeconds(1), 1), Policy.Decide([], Now));

    [Fact]
    public void Decide_CrashesWithinWindow_DoubleTheDelayUpToTheCap()
    {
        Assert.Equal(new RestartDecision.Restart(TimeSpan.FromSeconds(2), 2), Policy.Decide(SecondsAgo(5), Now));
        Assert.Equal(new RestartDecision.Restart(TimeSpan.FromSeconds(16), 5), Policy.Decide(SecondsAgo(40, 30, 20, 10), Now));
        var capped = Policy with { MaxRestarts = 100 };
        Assert.Equal(new RestartDecision.Restart(TimeSpan.FromSeconds(30), 8), capped.Decide(SecondsAgo(7, 6, 5, 4, 3, 2, 1), Now));
    }

    [Fact]
    public void Decide_OneCrashMoreThanMaxRestartsWithinWindow_GivesUp() =>
        Assert.Equal(new RestartDecision.GiveUp(6), Policy.Decide(SecondsAgo(50, 40, 30, 20, 10), Now));

    [Fact]
    public void Decide_OldCrashesOutsideWindow_ForgottenForBackoffButCounted()
    {
        var decision = Policy.Decide(SecondsAgo(600, 500, 400, 300, 200, 100), Now);

        Assert.Equal(new RestartDecision.Restart(TimeSpan.FromSeconds(1), 7), decision);
    }

    [Fact]
    public void Decide_HugeCrashCount_DoesNotOverflow()
    {
        var policy = Policy with { MaxRestarts = int.MaxValue, Window = TimeSpan.FromDays(1) };

        var decision = policy.Decide([.. Enumerable.Range(1, 200).Select(i => Now.AddSeconds(-i))], Now);

        Assert.Equal(new RestartDecision.Restart(TimeSpan.FromSeconds(30), 201), decision);
    }

    [Fact]
    public void Parse_RestartFlags_SetThePolicy()
    {
        var args = LauncherArguments.Parse(["--restart-backoff", "0.5", "--restart-max-backoff", "8", "--max-restarts", "3", "--restart-window", "20"]);

        Assert.Equal(new RestartPolicy
        {
            InitialBackoff = TimeSpan.FromSeconds(0.5), MaxBackoff = TimeSpan.FromSeconds(8), MaxRestarts = 3, Window = TimeSpan.FromSeconds(20),
        }, args.Restart);
        Assert.False(LauncherArguments.Parse(["--no-restart"]).Restart.Enabled);
        Assert.True(LauncherArguments.Parse([]).Restart.Enabled);
    }

    [Theory]
    [InlineData("--max-restarts", "many")]
    [InlineData("--max-restarts", "-1")]
    [InlineData("--restart-backoff", "-2")]
    public void Parse_BadRestartFlags_Throw(params string[] args) =>
        Assert.Throws<ArgumentException>(() => LauncherArguments.Parse(args));
}
