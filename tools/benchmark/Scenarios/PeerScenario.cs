using Dapr.AiProvider.Benchmark.Measure;
using Dapr.AiProvider.Benchmark.Report;
using Dapr.AiProvider.Benchmark.Stack;

namespace Dapr.AiProvider.Benchmark.Scenarios;

/// <summary>
/// Issue 20: the gateway side by side with a peer, the Portkey OSS gateway, and the simulator called directly,
/// one run, same simulator upstream, arms interleaved at every step: maximum requests/s at 32 connections
/// (closed loop), open loop at 200 and 500 requests/s (added p50/p99 over direct), streaming time to first
/// token (one client, the three arms in turn), peak RSS of each gateway, and CPU µs per request of every
/// process on each path. Distinct prompts at temperature 0.7: never a cache hit.
/// </summary>
internal sealed class PeerScenario : IScenario
{
    private const int Connections = 32;
    private const string LoadGenerator = "load generator";
    private static readonly int[] Rates = [200, 500];

    public string Name => "peer";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        await using var portkey = await PortkeyGateway.StartAsync(cancellationToken);
        var run = Guid.NewGuid().ToString("N")[..8];
        using var directClient = HttpClients.Create(stack.SimulatorUrl, BenchStack.SimulatorKey);
        using var gatewayClient = HttpClients.Create(stack.RouterUrl, BenchStack.BootstrapKey);
        using var portkeyClient = HttpClients.Create(portkey.Url, BenchStack.SimulatorKey);
        PortkeyGateway.PointAtSimulator(portkeyClient, stack.SimulatorUrl);

        var pids = StackProcesses.Find(stack);
        Arm[] arms =
        [
            new("direct (simulator)", directClient, GatewayScenario.DirectPath, GatewayScenario.DirectModel,
                Only(pids, StackProcesses.Simulator)),
            new("gateway (full Dapr path)", gatewayClient, GatewayScenario.GatewayPath, GatewayScenario.GatewayModel,
                Only(pids, [.. StackProcesses.GatewayRoles, StackProcesses.Redis, StackProcesses.Simulator])),
            new($"Portkey {portkey.Version}", portkeyClient, GatewayScenario.GatewayPath, GatewayScenario.DirectModel,
                new Dictionary<string, int> { ["portkey (node)"] = portkey.Pid, [StackProcesses.Simulator] = stack.SimulatorPid }),
        ];
        var offset = 0;
        int Next(int count) => Interlocked.Add(ref offset, count) - count;

        Console.WriteLine($"\n== peer: Portkey {portkey.Version} at {portkey.Url} (node pid {portkey.Pid}); stack processes found: "
            + string.Join(", ", pids.Select(p => $"{p.Key} {p.Value}")));
        foreach (var arm in arms)
        {
            await Warmup.UntilOkAsync(arm.Client, arm.Path, Prompts.Chat(arm.Model, "warm up " + run, 0.7), cancellationToken);
        }
        var warm = context.Options.Quick ? 3 : Warmup.Seconds;
        foreach (var arm in arms)
        {
            var first = Next(1_000_000);
            await ClosedLoop.RunAsync("warm " + arm.Name, 8, warm, (i, ct) => arm.SendAsync(run, first + i, ct), cancellationToken);
        }

        var seconds = context.Options.RunSeconds;
        var throughput = await MaxThroughputAsync(context, arms, run, Next, seconds, cancellationToken);
        await OpenLoopAsync(context, arms, run, Next, seconds, cancellationToken);
        await StreamingAsync(context, arms, run, cancellationToken);

        var gatewayRps = throughput[arms[1].Name];
        var portkeyRps = throughput[arms[2].Name];
        context.Summary.AtLeast(Name, $"max req/s at {Connections} connections: gateway ÷ Portkey ({gatewayRps:0} ÷ {portkeyRps:0})",
            gatewayRps / portkeyRps, 4, "×");
    }

    /// <summary>
    /// Closed loop at 32 connections, one arm after the other, CPU and RSS of each arm's processes meanwhile. The load
    /// generator is <c>wrk</c> when it is on PATH (<see cref="WrkLoad"/>; <c>AIPROVIDER_BENCH_WRK=0</c> turns it off), as
    /// in the cache-hit scenario: a lean C client leaves the two cores to the paths measured, for every arm alike; else
    /// this process's .NET client. Either way its CPU per request is printed as a row of each arm.
    /// </summary>
    private async Task<Dictionary<string, double>> MaxThroughputAsync(BenchContext context, Arm[] arms, string run,
        Func<int, int> next, double seconds, CancellationToken cancellationToken)
    {
        var wrk = WrkLoad.Chosen();
        var generator = wrk is null ? "the benchmark's .NET client" : "wrk";
        var table = new Table($"peer — maximum throughput, closed loop, {Connections} connections, {seconds:0} s per arm, {generator}",
            "path", "ok", "errors", "req/s", "p50 ms", "p99 ms", "× Portkey");
        var cpu = new Table("peer — CPU µs and context switches per request of each process at maximum throughput (user + system, /proc/<pid>/stat; every thread's voluntary + nonvoluntary switches, /proc/<pid>/task/*/status)",
            "path", "process", "µs per request", "switches per request", "peak RSS MB", "RSS at start MB");
        var results = new List<RunResult>();
        foreach (var arm in arms)
        {
            var first = next(10_000_000);
            await using var meter = new ProcessMeter(wrk is null
                ? new Dictionary<string, int>(arm.Processes) { [LoadGenerator] = Environment.ProcessId }
                : arm.Processes);
            meter.Start();
            RunResult result;
            var generatorUs = double.NaN;
            if (wrk is null)
            {
                result = await ClosedLoop.RunAsync(arm.Name, Connections, seconds, (i, ct) => arm.SendAsync(run, first + i, ct), cancellationToken);
            }
            else
            {
                var figures = await WrkLoad.RunAsync(wrk, new Uri(arm.Client.BaseAddress!, arm.Path), arm.Template(run, first),
                    arm.Headers(), checkedHeader: null, expectedValue: null, Connections, threads: 2, seconds, cancellationToken);
                result = figures.Run with { Name = arm.Name };
                generatorUs = result.Count > 0 ? (double)figures.CpuMicroseconds / result.Count : double.NaN;
            }
            await meter.StopAsync();
            results.Add(result);
            var total = 0.0;
            var totalSwitches = 0.0;
            foreach (var name in meter.Names.Where(n => n != LoadGenerator))
            {
                var us = meter.MicrosecondsPer(name, result.Count);
                total += double.IsNaN(us) ? 0 : us;
                var switches = meter.SwitchesPer(name, result.Count);
                totalSwitches += double.IsNaN(switches) ? 0 : switches;
                cpu.Add(arm.Name, name, Us(us), Switches(switches), Mb(meter.PeakRssMb(name)), Mb(meter.StartRssMb(name)));
                Check(context, arm, name, us, meter.PeakRssMb(name));
            }
            cpu.Add(arm.Name, "all of the above", Us(total), Switches(totalSwitches), "", "");
            cpu.Add(arm.Name, $"load generator ({generator}, not in the sum)",
                Us(wrk is null ? meter.MicrosecondsPer(LoadGenerator, result.Count) : generatorUs),
                wrk is null ? Switches(meter.SwitchesPer(LoadGenerator, result.Count)) : "—", "", "");
        }
        var portkeyRps = results[2].PerSecond;
        foreach (var r in results)
        {
            table.Add(r.Name, r.Count, r.Errors, (long)r.PerSecond, r.P50, r.P99, $"{r.PerSecond / portkeyRps:0.00}");
        }
        table.Print();
        cpu.Print();
        return results.ToDictionary(r => r.Name, r => r.PerSecond);
    }

    private void Check(BenchContext context, Arm arm, string process, double us, double peakMb)
    {
        if (!arm.Name.StartsWith("gateway", StringComparison.Ordinal))
        {
            if (process.StartsWith("portkey", StringComparison.Ordinal))
            {
                context.Summary.Info(Name, "Portkey peak RSS under load", $"{peakMb:0} MB");
            }
            return;
        }
        switch (process)
        {
            case StackProcesses.Router:
                context.Summary.AtMost(Name, "router CPU per request", us, 200, "µs");
                context.Summary.AtMost(Name, "router peak RSS under load", peakMb, 120, "MB");
                break;
            case StackProcesses.Adapters:
                context.Summary.AtMost(Name, "adapters CPU per request", us, 150, "µs");
                break;
            case StackProcesses.RouterSidecar or StackProcesses.AdaptersSidecar or StackProcesses.Quota or StackProcesses.QuotaSidecar:
                context.Summary.Info(Name, $"{process} CPU per request", $"{us:0} µs");
                break;
        }
    }

    /// <summary>Open loop: for each rate, direct, gateway, Portkey back to back; latency from the scheduled instant.</summary>
    private async Task OpenLoopAsync(BenchContext context, Arm[] arms, string run, Func<int, int> next, double seconds,
        CancellationToken cancellationToken)
    {
        var table = new Table($"peer — non-streaming latency, open loop, evenly spaced arrivals, {seconds:0} s per run",
            "rate", "path", "ok", "errors", "completed/s", "p50 ms", "p99 ms", "added p50 ms", "added p99 ms", "router µs/req");
        foreach (var rate in Rates)
        {
            RunResult? direct = null;
            var added = new Dictionary<string, double>();
            foreach (var arm in arms)
            {
                var first = next(1_000_000);
                await using var meter = new ProcessMeter(arm.Processes);
                meter.Start();
                var r = await OpenLoop.RunAsync(arm.Name, rate, seconds, (i, ct) => arm.SendAsync(run, first + i, ct), cancellationToken);
                await meter.StopAsync();
                direct ??= r;
                added[arm.Name] = r.P50 - direct.P50;
                var router = arm.Processes.ContainsKey(StackProcesses.Router) ? Us(meter.MicrosecondsPer(StackProcesses.Router, r.Count)) : "";
                table.Add($"{rate}/s", r.Name, r.Count, r.Errors, (long)r.PerSecond, r.P50, r.P99,
                    ReferenceEquals(r, direct) ? "" : r.P50 - direct.P50, ReferenceEquals(r, direct) ? "" : r.P99 - direct.P99, router);
            }
            if (rate == 500)
            {
                context.Summary.AtMost(Name, $"added p50 at {rate} req/s: gateway − Portkey ({added[arms[1].Name]:0.00} vs {added[arms[2].Name]:0.00} ms)",
                    added[arms[1].Name] - added[arms[2].Name], 0, "ms");
            }
        }
        table.Print();
    }

    /// <summary>Time to first content token, one client, the three arms in turn for every sample.</summary>
    private async Task StreamingAsync(BenchContext context, Arm[] arms, string run, CancellationToken cancellationToken)
    {
        var count = context.Options.Quick ? 60 : 200;
        var recorders = arms.Select(_ => new LatencyRecorder(count)).ToArray();
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var i = -20; i < count; i++) // the first 20 rounds warm the streaming paths and are not kept
        {
            for (var a = 0; a < arms.Length; a++)
            {
                var arm = arms[a];
                var ticks = await Prompts.TimeToFirstTokenAsync(arm.Client, arm.Path,
                    Prompts.Chat(arm.Model, Prompts.Distinct(run + "s", i), 0.7, stream: true), cancellationToken);
                if (i >= 0)
                {
                    recorders[a].Record(ticks ?? 0, ticks is not null);
                }
            }
        }
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(start);
        var results = arms.Select((arm, a) => recorders[a].Result(arm.Name, elapsed)).ToArray();
        var table = new Table($"peer — streaming time to first token, one client, {count} streams per path (in turn)",
            "path", "ok", "errors", "p50 ms", "p90 ms", "p99 ms", "added p50 ms");
        foreach (var r in results)
        {
            table.Add(r.Name, r.Count, r.Errors, r.P50, r.P90, r.P99, ReferenceEquals(r, results[0]) ? "" : r.P50 - results[0].P50);
        }
        table.Print();
        context.Summary.AtMost(Name, "streaming: TTFT added by the gateway, p50", results[1].P50 - results[0].P50, 2, "ms");
        context.Summary.Info(Name, "streaming: TTFT added by Portkey, p50", $"{results[2].P50 - results[0].P50:0.00} ms");
    }

    private static Dictionary<string, int> Only(IReadOnlyDictionary<string, int> pids, params string[] roles) =>
        roles.Where(pids.ContainsKey).ToDictionary(r => r, r => pids[r]);

    private static string Us(double us) => double.IsNaN(us) ? "—" : us.ToString("0", System.Globalization.CultureInfo.InvariantCulture);

    private static string Switches(double perRequest) =>
        double.IsNaN(perRequest) ? "—" : perRequest.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);

    private static string Mb(double mb) => double.IsNaN(mb) ? "—" : mb.ToString("0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One path to the simulator: its client (base address, key, headers), chat path, model name, and processes.</summary>
    private sealed record Arm(string Name, HttpClient Client, string Path, string Model, IReadOnlyDictionary<string, int> Processes)
    {
        public Task<bool> SendAsync(string run, int i, CancellationToken cancellationToken) =>
            HttpClients.PostAsync(Client, Path, Prompts.Chat(Model, Prompts.Distinct(run, i), 0.7), cancellationToken);

        /// <summary>The body <see cref="SendAsync"/> sends, for wrk: a distinct prompt per request (this arm's range, then
        /// wrk's thread and count), so that no request is a cache hit there either.</summary>
        public string Template(string run, int first) =>
            Prompts.Chat(Model, Prompts.Distinct(run, $"{first}{WrkLoad.Counter}"), 0.7);

        /// <summary>The headers this arm's client sends with every request (the key; Portkey's provider and host), and the body's type.</summary>
        public Dictionary<string, string> Headers()
        {
            var headers = Client.DefaultRequestHeaders.ToDictionary(h => h.Key, h => string.Join(", ", h.Value));
            headers["Content-Type"] = "application/json; charset=utf-8";
            return headers;
        }
    }
}
