using System.Collections.Concurrent;
using System.Globalization;
using Dapr.AiProvider.Benchmark.Measure;
using Dapr.AiProvider.Benchmark.Report;
using Dapr.AiProvider.Benchmark.Stack;

namespace Dapr.AiProvider.Benchmark.Scenarios;

/// <summary>
/// Issue 5: the full Dapr path (client → router → sidecars → provider-adapters → simulator answering at
/// once) against the simulator's OpenAI endpoint called directly, same run, open loop with evenly spaced
/// arrivals, distinct prompts at temperature 0.7 (never a cache hit); then time to first token of a stream.
/// </summary>
internal sealed class GatewayScenario : IScenario
{
    public const string GatewayModel = "openai/gpt-4o-mini";
    public const string DirectModel = "gpt-4o-mini";
    public const string DirectPath = "/openai/v1/chat/completions";
    public const string GatewayPath = "/v1/chat/completions";
    /// <summary>The router's own time (its elapsed minus the adapters call), a decision header.</summary>
    private const string OverheadHeader = "x-aiprovider-overhead-ms";
    private static readonly int[] Rates = [100, 500];

    public string Name => "gateway";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        using var gateway = HttpClients.Create(context.Stack.RouterUrl, BenchStack.BootstrapKey);
        using var direct = HttpClients.Create(context.Stack.SimulatorUrl, BenchStack.SimulatorKey);
        var overheads = new ConcurrentQueue<double>();
        async Task<bool> ViaGateway(int i, CancellationToken ct)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, GatewayPath)
            {
                Content = HttpClients.Json(Prompts.Chat(GatewayModel, Prompts.Distinct(run, i), 0.7)),
            };
            using var response = await gateway.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            if (response.Headers.TryGetValues(OverheadHeader, out var values)
                && double.TryParse(values.First(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
            {
                overheads.Enqueue(ms);
            }
            return response.IsSuccessStatusCode;
        }
        Task<bool> Direct(int i, CancellationToken ct) =>
            HttpClients.PostAsync(direct, DirectPath, Prompts.Chat(DirectModel, Prompts.Distinct(run, i), 0.7), ct);

        Console.WriteLine($"\n== gateway: warming up ({GatewayModel} through the router, {DirectModel} on the simulator)");
        await Warmup.UntilOkAsync(gateway, GatewayPath, Prompts.Chat(GatewayModel, "warm up " + run, 0.7), cancellationToken);
        // Steady state is what is measured: the services and sidecars run with tiered PGO, whose instrumented
        // code is slow for the first seconds of load, so the warm-up lasts until it has been replaced.
        await ClosedLoop.RunAsync("warm-direct", 8, Warmup.Seconds, (i, ct) => Direct(1_000_000 + i, ct), cancellationToken);
        await ClosedLoop.RunAsync("warm-gateway", 8, Warmup.Seconds, (i, ct) => ViaGateway(1_000_000 + i, ct), cancellationToken);

        var seconds = context.Options.RunSeconds;
        var table = new Table($"gateway — non-streaming latency, open loop, evenly spaced arrivals, {seconds:0} s per run",
            "rate", "path", "ok", "errors", "completed/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "router's own p50 ms");
        var offset = 0;
        var coldDirectP50 = double.NaN;
        foreach (var rate in Rates)
        {
            overheads.Clear();
            var baseline = await OpenLoop.RunAsync("direct (simulator)", rate, seconds, (i, ct) => Direct(offset + i, ct), cancellationToken);
            if (rate == Rates[0])
            {
                coldDirectP50 = baseline.P50;
            }
            var full = await OpenLoop.RunAsync("gateway (full Dapr path)", rate, seconds, (i, ct) => ViaGateway(offset + i, ct), cancellationToken);
            offset += 2 * (int)(rate * seconds);
            var sorted = overheads.Order().ToArray();
            var routerOwn = sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
            table.Add($"{rate}/s", baseline.Name, baseline.Count, baseline.Errors, (long)baseline.PerSecond, baseline.P50, baseline.P90,
                baseline.P99, baseline.Max, "");
            table.Add($"{rate}/s", full.Name, full.Count, full.Errors, (long)full.PerSecond, full.P50, full.P90, full.P99, full.Max, routerOwn);
            table.Add($"{rate}/s", "added by the gateway", "", "", "", full.P50 - baseline.P50, full.P90 - baseline.P90,
                full.P99 - baseline.P99, "", "");
            var errors = full.Errors > 0 ? $" ({full.Errors} errors)" : "";
            context.Summary.AtMost(Name, $"added p50 at {rate} rps{errors}", full.P50 - baseline.P50, 1, "ms");
            context.Summary.AtMost(Name, $"added p99 at {rate} rps{errors}", full.P99 - baseline.P99, 5, "ms");
        }
        table.Print();
        await WakeUpFloorAsync(context, coldDirectP50, (i, ct) => Direct(offset + i, ct), cancellationToken);
        await StreamingAsync(context, gateway, direct, run, cancellationToken);
    }

    /// <summary>
    /// What the machine itself charges: the direct call answered back to back (every thread awake) against the
    /// same call at 100 requests/s (the simulator asleep between requests). The difference is the cost of waking
    /// one idle process; the full path wakes four more than the direct call (router, two sidecars, provider-adapters),
    /// a floor under the added latency that no code in those processes can remove.
    /// </summary>
    private async Task WakeUpFloorAsync(BenchContext context, double coldDirectP50, Func<int, CancellationToken, Task<bool>> direct,
        CancellationToken cancellationToken)
    {
        var hot = await ClosedLoop.RunAsync("direct (simulator), back to back", 1, Math.Min(3, context.Options.RunSeconds), direct, cancellationToken);
        var wakeUp = Math.Max(0, coldDirectP50 - hot.P50);
        var table = new Table("gateway — cost of waking an idle process on this machine", "measurement", "p50 ms");
        table.Add("direct at 100 requests/s (simulator idle between requests)", coldDirectP50);
        table.Add("direct back to back, one client (simulator awake)", hot.P50);
        table.Add("waking one idle process", wakeUp);
        table.Add("floor for four more processes on the gateway path", 4 * wakeUp);
        table.Print();
        context.Summary.Info(Name, "floor: 4 idle-process wake-ups at 100 rps", $"{4 * wakeUp:0.00} ms");
    }

    private async Task StreamingAsync(BenchContext context, HttpClient gateway, HttpClient direct, string run,
        CancellationToken cancellationToken)
    {
        var count = context.Options.Quick ? 100 : 300;
        Task<long?> Direct(int i, CancellationToken ct) => Prompts.TimeToFirstTokenAsync(direct, DirectPath,
            Prompts.Chat(DirectModel, Prompts.Distinct(run + "s", i), 0.7, stream: true), ct);
        Task<long?> ViaGateway(int i, CancellationToken ct) => Prompts.TimeToFirstTokenAsync(gateway, GatewayPath,
            Prompts.Chat(GatewayModel, Prompts.Distinct(run + "s", i), 0.7, stream: true), ct);
        await ClosedLoop.AlternatingAsync("", "", 20, (i, ct) => Direct(-1 - i, ct), (i, ct) => ViaGateway(-1 - i, ct), cancellationToken);

        var (baseline, full) = await ClosedLoop.AlternatingAsync("direct (simulator)", "gateway (full Dapr path)", count,
            Direct, ViaGateway, cancellationToken);
        var table = new Table($"gateway — streaming time to first token, one client, {count} streams each (alternating)",
            "path", "ok", "errors", "p50 ms", "p90 ms", "p99 ms", "max ms");
        foreach (var r in new[] { baseline, full })
        {
            table.Add(r.Name, r.Count, r.Errors, r.P50, r.P90, r.P99, r.Max);
        }
        table.Add("added by the gateway", "", "", full.P50 - baseline.P50, full.P90 - baseline.P90, full.P99 - baseline.P99, "");
        table.Print();
        context.Summary.AtMost(Name, "streaming: added TTFT p50", full.P50 - baseline.P50, 2, "ms");
    }
}
