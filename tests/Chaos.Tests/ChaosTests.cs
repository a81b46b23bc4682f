using Xunit.Abstractions;

namespace Dapr.AiProvider.Chaos.Tests;

/// <summary>
/// Issue 19: open-loop load on the whole local stack while a schedule of faults hits it (<see cref="FaultSchedule"/>:
/// quota SIGKILLed, the provider-adapters sidecar SIGKILLed, provider faults from the simulator, PostgreSQL
/// unreachable for quota, Redis SIGKILLed and restarted, quota's sidecar SIGKILLed). One run (<see cref="ChaosRun"/>), one test per promise.
/// Every test prints the run's report. See docs/chaos.md.
/// </summary>
[Trait("Category", "Process")]
public sealed class ChaosTests(ChaosRun run, ITestOutputHelper output) : IClassFixture<ChaosRun>
{
    [Fact]
    public void KilledProcesses_ComeBackByThemselves()
    {
        output.WriteLine(run.Report);

        Assert.All(run.Faults, f => Assert.True(f.RecoveredAt is not null, $"{f.Name}: not recovered"));
        Assert.Contains("🔁  app 'quota' exited with code 137 (SIGKILL); restart 1", run.LauncherOutput, StringComparison.Ordinal);
        Assert.Contains("🔁  sidecar of 'provider-adapters' exited with code 137 (SIGKILL); restart 1", run.LauncherOutput, StringComparison.Ordinal);
        Assert.Contains("🔁  sidecar of 'quota' exited with code 137 (SIGKILL); restart 1", run.LauncherOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryRequest_AnsweredWithinItsDeadline_NoStreamEndsSilently()
    {
        output.WriteLine(run.Report);

        Assert.Empty(run.Result.Hung);
        Assert.Empty(run.Result.Unanswered);
        Assert.Empty(run.Result.Truncated);
    }

    [Fact]
    public void Ledger_HoldsExactlyOneRowPerAnsweredRequest()
    {
        output.WriteLine(run.Report);

        Assert.Empty(run.Result.MissingFromLedger);
        Assert.Empty(run.Result.ExtraInLedger);
    }

    [Fact]
    public void LedgerErrors_EqualAnswersThatWereNotAFull200()
    {
        output.WriteLine(run.Report);

        Assert.Equal(run.Result.ClientErrors, run.Result.LedgerErrors);
    }

    [Fact]
    public void AtLeast90PercentOfRequests_GetAFull200()
    {
        output.WriteLine(run.Report);

        Assert.True(run.Result.OkRatio >= 0.9, $"only {run.Result.OkRatio:P1} of requests got a full 200 (see the report)");
    }
}
