using System.Globalization;
using System.Text;
using Dapr.AiProvider.TestInfrastructure;
using Xunit.Abstractions;

namespace Dapr.AiProvider.Chaos.Tests;

/// <summary>
/// Issue 19: open-loop load on the whole local stack while a schedule of faults hits it — quota SIGKILLed,
/// the provider-adapters sidecar SIGKILLed, provider faults from the simulator (overloaded answers, streams
/// cut after their first content), PostgreSQL unreachable for quota, quota's sidecar SIGKILLed — then: the
/// killed processes came back by themselves (launcher supervision), at least 90 % of requests got a full
/// 200, the ledger holds exactly one row per answered request and counts as errors exactly the answers
/// that were not a full 200, no stream ended without <c>[DONE]</c> or an in-band error, and no request hung
/// past the router's deadline. The report (recovery time per fault) goes to the test output and to
/// <c>.local/chaos/report.txt</c>. See docs/chaos.md.
/// </summary>
public sealed class ChaosTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan LedgerTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task SteadyLoad_UnderFaultSchedule_NothingLostNothingHangs()
    {
        var settings = ChaosSettings.FromEnvironment();
        await using var stack = await ChaosStack.StartAsync();
        using var client = new LoadClient(stack.RouterUrl, ChaosStack.BootstrapKey, TimeSpan.FromSeconds(ChaosStack.RouterDeadlineSeconds + 15));
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var ledger = new LedgerReader(stack.Ledger.ConnectionString);
        var faults = FaultSchedule.Create(stack, probe, ledger, settings);

        var start = client.Now;
        var load = RunLoadAsync(client, settings, start);
        var injected = RunFaultsAsync(client, faults, settings, start);
        var outcomes = await load;
        await injected;

        var answered = outcomes.Where(o => o.RequestId is not null).Select(o => o.RequestId!).ToList();
        var rows = await ledger.WaitForAsync(answered, LedgerTimeout);
        var result = new ChaosResult(outcomes, faults, rows, stack.Launcher.Output, start);
        var report = result.Report(settings);
        output.WriteLine(report);
        var folder = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, ".local", "chaos")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "report.txt"), report);

        Assert.All(faults, f => Assert.True(f.RecoveredAt is not null, $"{f.Name}: not recovered within {RecoveryTimeout.TotalSeconds} s"));
        Assert.Contains("🔁  app 'quota' exited with code 137 (SIGKILL)", stack.Launcher.Output, StringComparison.Ordinal);
        Assert.Contains("🔁  sidecar of 'provider-adapters' exited with code 137 (SIGKILL)", stack.Launcher.Output, StringComparison.Ordinal);
        Assert.Contains("🔁  sidecar of 'quota' exited with code 137 (SIGKILL)", stack.Launcher.Output, StringComparison.Ordinal);
        Assert.Empty(result.Hung);
        Assert.Empty(result.Unanswered);
        Assert.Empty(result.Truncated);
        Assert.True(result.OkRatio >= 0.9, $"only {result.OkRatio:P1} of requests got a full 200 (see the report)");
        Assert.Empty(result.MissingFromLedger);
        Assert.Empty(result.ExtraInLedger);
        Assert.Equal(result.ClientErrors, result.LedgerErrors);
    }

    private static async Task<List<LoadOutcome>> RunLoadAsync(LoadClient client, ChaosSettings settings, TimeSpan start)
    {
        var requests = new List<Task<LoadOutcome>>(settings.Requests);
        for (var i = 0; i < settings.Requests; i++)
        {
            // Open loop: each request leaves at its time, whether or not earlier ones have been answered.
            var wait = start + TimeSpan.FromSeconds(i / settings.Rate) - client.Now;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var index = i;
            requests.Add(Task.Run(() => client.SendAsync(index, stream: index % 2 == 1)));
        }

        return [.. await Task.WhenAll(requests)];
    }

    private static async Task RunFaultsAsync(LoadClient client, IReadOnlyList<Fault> faults, ChaosSettings settings, TimeSpan start)
    {
        foreach (var fault in faults)
        {
            var wait = start + settings.Duration * fault.At - client.Now;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            fault.InjectedAt = client.Now - start;
            await fault.InjectAsync();
            var deadline = client.Now + RecoveryTimeout;
            while (client.Now < deadline)
            {
                if (await fault.RecoveredAsync())
                {
                    fault.RecoveredAt = client.Now - start;
                    break;
                }

                await Task.Delay(200);
            }
        }
    }
}
