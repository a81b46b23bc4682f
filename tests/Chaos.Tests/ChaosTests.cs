using Xunit.Abstractions;

namespace Dapr.AiProvider.Chaos.Tests;

/// <summary>
/// Issue 19: open-loop load on the whole local stack while a schedule of faults hits it (<see cref="FaultSchedule"/>:
/// quota SIGKILLed, the router SIGTERMed with slow requests in flight, the provider-adapters sidecar and then the
/// provider-adapters app SIGKILLed, provider faults and added latency from the simulator, PostgreSQL unreachable for quota, the router SIGKILLed, Redis SIGKILLed and
/// restarted, quota's sidecar SIGKILLed). One run (<see cref="ChaosRun"/>), one test per promise.
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
        if (run.Settings.AdaptersAppKill)
        {
            Assert.Contains("🔁  app 'provider-adapters' exited with code 137 (SIGKILL); restart 1", run.LauncherOutput, StringComparison.Ordinal);
        }
        Assert.Contains("🔁  sidecar of 'quota' exited with code 137 (SIGKILL); restart 1", run.LauncherOutput, StringComparison.Ordinal);
        if (run.Settings.RouterFaults)
        {
            Assert.Contains("🔁  app 'router' exited with code 0; restart 1", run.LauncherOutput, StringComparison.Ordinal);
            Assert.Contains("🔁  app 'router' exited with code 137 (SIGKILL); restart ", run.LauncherOutput, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("app 'router' exited", run.LauncherOutput, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// A SIGTERM drains: the slow requests in flight at the signal (two streamed) finish with a full 200, and their
    /// usage, queued in the router when it stopped, is published before it exits (nothing dropped on shutdown).
    /// </summary>
    [Fact]
    public void RouterSigterm_FinishesRequestsInFlight_AndFlushesTheirUsage()
    {
        output.WriteLine(run.Report);
        if (!run.Settings.RouterFaults)
        {
            // The 20 s CI variant leaves the router alone (ChaosSettings.RouterFaults): nothing to drain.
            Assert.DoesNotContain(run.Faults, f => f.Router != RouterExit.None);
            Assert.Empty(run.InFlightAtSigterm);
            return;
        }

        var sigterm = Assert.Single(run.Faults, f => f.Router == RouterExit.Graceful);
        Assert.Equal(InFlightAtStop.Count, run.InFlightAtSigterm.Count);
        Assert.All(run.InFlightAtSigterm, o =>
        {
            Assert.True(o.Ok, $"request {o.Index} in flight at the SIGTERM: {o.Status} {o.End} {o.Error}");
            // Really in flight: sent before the signal (which follows the sending by half a second) and answered after it.
            Assert.True(o.EndedAt - run.Start > sigterm.InjectedAt + TimeSpan.FromMilliseconds(500), $"request {o.Index} ended before the SIGTERM");
            Assert.DoesNotContain(o.RequestId!, run.Result.MissingFromLedger);
        });
        Assert.Equal(2, run.InFlightAtSigterm.Count(o => o.Stream && o.End == StreamEnd.Done));
        Assert.DoesNotContain("could not be published before shutdown", run.LauncherOutput, StringComparison.Ordinal);
    }

    /// <summary>
    /// A SIGKILL loses what the router held in memory: the usage of requests answered within
    /// <see cref="ChaosResult.LossWindow"/> before it (and of those it cut), never older. Rows the ledger holds
    /// for requests the client never heard back from can only be those cut before their headers.
    /// </summary>
    [Fact]
    public void RouterSigkill_LosesAtMostTheUsageOfItsLastSecond()
    {
        output.WriteLine(run.Report);
        Assert.Equal(run.Settings.RouterFaults ? 1 : 0, run.Faults.Count(f => f.Router == RouterExit.Killed));
        Assert.True(run.Result.LostToRouterKill.Count <= run.Result.MayHaveBeenLost.Count);
        Assert.Empty(run.Result.MissingFromLedger);
        Assert.True(run.Result.ExtraInLedger.Count <= run.Result.UnansweredAtRouterKill,
            $"{run.Result.ExtraInLedger.Count} ledger rows for requests the client never saw, {run.Result.UnansweredAtRouterKill} cut before their headers");
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
    public void Ledger_HoldsExactlyOneRowPerAnsweredRequest_ExceptAroundTheRouterSigkill()
    {
        output.WriteLine(run.Report);

        Assert.Empty(run.Result.MissingFromLedger);
        // Only a request cut by the router's SIGKILL before its headers can have a row its client never saw.
        Assert.True(run.Result.ExtraInLedger.Count <= run.Result.UnansweredAtRouterKill, string.Join(", ", run.Result.ExtraInLedger));
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
