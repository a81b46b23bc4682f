using System.Diagnostics;
using Dapr.AiProvider.Benchmark.Measure;
using Dapr.AiProvider.Benchmark.Report;
using Dapr.AiProvider.Benchmark.Stack;

namespace Dapr.AiProvider.Benchmark.Scenarios;

/// <summary>
/// Issue 20: where the gateway's streaming time to first token is added, hop by hop. The same stream is opened at
/// every entry point of the path — the simulator, provider-adapters' own port, the adapters' sidecar invoking its own
/// app, the router's sidecar (→ the adapters' sidecar → the app), the router — in turn, so each hop's share is the
/// difference between two neighbouring rows under the same machine noise. Measured with one client (an idle path) and
/// with several clients at once (a busy one).
/// </summary>
internal sealed class HopsScenario : IScenario
{
    /// <summary>Clients of the concurrent pass: each runs rounds of every entry in turn.</summary>
    private const int ConcurrentClients = 8;

    public string Name => "hops";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        var run = Guid.NewGuid().ToString("N")[..8];
        var invoke = "/v1.0/invoke/provider-adapters/method/adapters/chat/stream";
        using var simulator = HttpClients.Create(stack.SimulatorUrl, BenchStack.SimulatorKey);
        using var adapters = HttpClients.Create(stack.AdaptersAppUrl);
        using var adaptersSidecar = HttpClients.Create(new Uri($"http://127.0.0.1:{stack.Ports.AdaptersHttp}"));
        using var routerSidecar = HttpClients.Create(new Uri($"http://127.0.0.1:{stack.Ports.RouterHttp}"));
        using var router = HttpClients.Create(stack.RouterUrl, BenchStack.BootstrapKey);
        string Adapter(string prompt) => $$"""{"requestId":"hops-{{Guid.NewGuid():N}}","provider":"openai","model":"gpt-4o-mini","request":{{Prompts.Chat("gpt-4o-mini", prompt, 0.7, stream: true)}}}""";
        Hop[] hops =
        [
            new("simulator (direct)", simulator, GatewayScenario.DirectPath, p => Prompts.Chat(GatewayScenario.DirectModel, p, 0.7, stream: true)),
            new("provider-adapters (its own port)", adapters, "/" + Contracts.Adapters.AdapterRoutes.ChatStream, Adapter),
            new("adapters' sidecar → app (invoke itself)", adaptersSidecar, invoke, Adapter),
            new("router's sidecar → adapters' sidecar → app", routerSidecar, invoke, Adapter),
            new("router (full path)", router, GatewayScenario.GatewayPath, p => Prompts.Chat(GatewayScenario.GatewayModel, p, 0.7, stream: true)),
        ];
        var rounds = context.Options.Quick ? 100 : 300;
        Console.WriteLine($"\n== hops: streaming TTFT at {hops.Length} entry points of the path, {rounds} rounds each, one client then {ConcurrentClients}");
        await Warmup.UntilOkAsync(router, GatewayScenario.GatewayPath, Prompts.Chat(GatewayScenario.GatewayModel, "warm up " + run, 0.7), cancellationToken);
        await RoundsAsync(hops, $"{run}w", 1, 50, cancellationToken);
        await RoundsAsync(hops, $"{run}W", ConcurrentClients, 50, cancellationToken);

        foreach (var clients in new[] { 1, ConcurrentClients })
        {
            var recorders = await RoundsAsync(hops, $"{run}c{clients}", clients, rounds, cancellationToken);
            var table = new Table($"hops — streaming TTFT per entry point, {clients} client(s), {rounds} streams each (entries in turn)",
                "entry point", "ok", "errors", "p50 ms", "p95 ms", "p99 ms", "this hop adds, p50 ms", "this hop adds, p95 ms");
            var p50 = recorders.Select(r => LatencyRecorder.Ms(r.Sorted(), 0.50)).ToArray();
            var p95 = recorders.Select(r => LatencyRecorder.Ms(r.Sorted(), 0.95)).ToArray();
            for (var i = 0; i < hops.Length; i++)
            {
                var r = recorders[i].Result(hops[i].Name, TimeSpan.Zero);
                table.Add(r.Name, r.Count, r.Errors, p50[i], p95[i], r.P99,
                    i == 0 ? "" : Table.Ms(p50[i] - p50[i - 1]), i == 0 ? "" : Table.Ms(p95[i] - p95[i - 1]));
            }
            table.Add("whole gateway path (router − simulator)", "", "", "", "", "", Table.Ms(p50[^1] - p50[0]), Table.Ms(p95[^1] - p95[0]));
            table.Print();
            context.Summary.Info(Name, $"TTFT added by the gateway, p50, {clients} client(s)", $"{p50[^1] - p50[0]:0.00} ms");
        }
    }

    /// <summary>
    /// <paramref name="clients"/> clients, each running rounds of every entry in turn (starting at a different entry, so no
    /// entry always follows the same one) until <paramref name="rounds"/> rounds are done in all.
    /// </summary>
    private static async Task<LatencyRecorder[]> RoundsAsync(Hop[] hops, string run, int clients, int rounds, CancellationToken cancellationToken)
    {
        var recorders = hops.Select(_ => new LatencyRecorder(rounds)).ToArray();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int round;
            while ((round = Interlocked.Increment(ref next)) < rounds)
            {
                for (var k = 0; k < hops.Length; k++)
                {
                    var i = (round + k) % hops.Length;
                    var hop = hops[i];
                    var ticks = await Prompts.TimeToFirstTokenAsync(hop.Client, hop.Path, hop.Body(Prompts.Distinct(run, round * hops.Length + i)), cancellationToken);
                    recorders[i].Record(ticks ?? 0, ticks is not null);
                }
            }
        }, cancellationToken)));
        FailedAnswers.PrintAndClear("hops");
        return recorders;
    }

    private sealed record Hop(string Name, HttpClient Client, string Path, Func<string, string> Body);
}
