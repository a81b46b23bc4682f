using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.Chaos.Tests;

/// <summary>
/// One chaos run shared by the tests of <see cref="ChaosTests"/>: starts the stack, warms it up, drives
/// open-loop load while the <see cref="FaultSchedule"/> plays, waits for the answered requests' ledger rows,
/// and keeps the <see cref="ChaosResult"/>. The report goes to <c>.local/chaos/report.txt</c> (and the
/// launcher's output beside it).
/// </summary>
public sealed class ChaosRun : IAsyncLifetime
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(90);
    /// <summary>
    /// The longest a row can take: a usage delivery in flight at the SIGKILL of quota's sidecar is delivered again
    /// once idle processingTimeout (components/pubsub.yaml: 2m), checked every redeliverInterval (10 s), plus the
    /// time to write it.
    /// </summary>
    private static readonly TimeSpan LedgerTimeout = TimeSpan.FromSeconds(150);
    /// <summary>After every row that must come has come: how long the rows that may have been lost get to show up.</summary>
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(3);

    private ChaosStack? _stack;

    internal ChaosResult Result { get; private set; } = null!;
    internal IReadOnlyList<Fault> Faults { get; private set; } = [];
    /// <summary>The slow requests in flight when the router was SIGTERMed (also part of the result's outcomes).</summary>
    internal IReadOnlyList<LoadOutcome> InFlightAtSigterm { get; private set; } = [];
    internal string LauncherOutput { get; private set; } = "";
    public string Report { get; private set; } = "";
    /// <summary>When the load started, on the load client's clock (outcomes' times are on it).</summary>
    internal TimeSpan Start { get; private set; }
    internal ChaosSettings Settings { get; } = ChaosSettings.FromEnvironment();

    public async Task InitializeAsync()
    {
        var settings = Settings;
        _stack = await ChaosStack.StartAsync();
        using var client = new LoadClient(_stack.RouterUrl, ChaosStack.BootstrapKey, TimeSpan.FromSeconds(ChaosStack.RouterDeadlineSeconds + 15));
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var ledger = new LedgerReader(_stack.Ledger.ConnectionString);
        var notInRun = new ProbeRequests(client);
        var inFlight = new InFlightAtStop(client);
        Faults = FaultSchedule.Create(_stack, probe, ledger, notInRun, inFlight, settings);

        await notInRun.UntilFullAnswerAsync(TimeSpan.FromSeconds(120));
        var start = client.Now;
        Start = start;
        var load = RunLoadAsync(client, settings, start);
        var injected = RunFaultsAsync(client, Faults, settings, start);
        var outcomes = await load;
        await injected;
        InFlightAtSigterm = await inFlight.Outcomes;
        outcomes.AddRange(InFlightAtSigterm);

        // The usage of requests answered just before the router's SIGKILL may be lost (ChaosResult.LossWindow):
        // wait for every other row, then read once more for those that did make it.
        var killedAt = Faults.Where(f => f.Router == RouterExit.Killed).Select(f => (TimeSpan?)f.InjectedAt).FirstOrDefault();
        var required = outcomes.Where(o => o.RequestId is not null && (killedAt is null || !ChaosResult.MayBeLostTo(o, killedAt.Value, start)))
            .Select(o => o.RequestId!).ToList();
        await ledger.WaitForAsync(required, LedgerTimeout);
        var rows = await ledger.WaitForAsync(outcomes.Where(o => o.RequestId is not null).Select(o => o.RequestId!).ToList(), SettleTimeout);
        LauncherOutput = _stack.Launcher.Output;
        Result = new ChaosResult(outcomes, Faults, rows.Where(r => !notInRun.Ids.Contains(r.Key)).ToDictionary(), LauncherOutput, start);
        Report = Result.Report(settings);
        var folder = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, ".local", "chaos")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "report.txt"), Report);
        await File.WriteAllTextAsync(Path.Combine(folder, "launcher.log"), LauncherOutput);
    }

    public async Task DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
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

    /// <summary>Injects each fault on time; recovery is watched alongside, so a slow recovery never delays the next fault.</summary>
    private static async Task RunFaultsAsync(LoadClient client, IReadOnlyList<Fault> faults, ChaosSettings settings, TimeSpan start)
    {
        var watches = new List<Task>();
        foreach (var fault in faults)
        {
            var wait = start + settings.Duration * fault.At - client.Now;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            fault.InjectedAt = client.Now - start;
            await fault.InjectAsync();
            if (fault.Router == RouterExit.Killed)
            {
                fault.InjectedAt = client.Now - start; // it waited for a ready router: the kill is the moment that counts
            }
            watches.Add(WatchRecoveryAsync(client, fault, start));
        }

        await Task.WhenAll(watches);
    }

    private static async Task WatchRecoveryAsync(LoadClient client, Fault fault, TimeSpan start)
    {
        var deadline = client.Now + RecoveryTimeout;
        while (client.Now < deadline)
        {
            if (await fault.RecoveredAsync())
            {
                fault.RecoveredAt = client.Now - start;
                return;
            }

            await Task.Delay(250);
        }
    }
}
