using System.Diagnostics;
using Dapr.AiProvider.Benchmark.Measure;
using Dapr.AiProvider.Benchmark.Report;

namespace Dapr.AiProvider.Benchmark.Scenarios;

/// <summary>
/// Issue 4: what the adapters add to a non-streaming request. The translators are internal to
/// provider-adapters, so this measures <c>POST /adapters/chat</c> on the adapters' own port (no sidecar)
/// against the same request sent to the simulator in the family's wire format, one client, alternating.
/// The difference holds the translation both ways plus one extra local HTTP hop, pricing and headroom
/// parsing — an upper bound of the translation cost. A bare round trip to the same process
/// (<c>GET /healthz</c>) is measured too, to show how much of the difference is the hop itself.
/// </summary>
internal sealed class AdaptersScenario : IScenario
{
    public string Name => "adapters";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        using var adapters = HttpClients.Create(context.Stack.AdaptersAppUrl);
        using var simulator = HttpClients.Create(context.Stack.SimulatorUrl);
        var run = Guid.NewGuid().ToString("N")[..8];
        var count = context.Options.Quick ? 400 : 1500;
        Console.WriteLine($"\n== adapters: {count} alternating requests per family, one client");

        Func<int, CancellationToken, Task<long?>> Direct(AdapterFamily family) => (i, ct) => Prompts.TimePostAsync(simulator,
            family.DirectPath, family.DirectBody(Prompts.Distinct(run, i)), ct, family.DirectHeaders);
        Func<int, CancellationToken, Task<long?>> ViaAdapter(AdapterFamily family) => (i, ct) => Prompts.TimePostAsync(adapters,
            "/adapters/chat", family.AdapterBody($"bench-{run}-{family.Provider}-{i}", Prompts.Distinct(run, i)), ct);

        foreach (var family in AdapterFamily.All)
        {
            await ClosedLoop.AlternatingAsync("", "", 150, (i, ct) => Direct(family)(-1 - i, ct), (i, ct) => ViaAdapter(family)(-1 - i, ct),
                cancellationToken);
        }
        var hop = await BareRoundTripAsync(adapters, count, cancellationToken);
        var table = new Table($"adapters — POST /adapters/chat vs the simulator directly, non-streaming, one client, {count} each",
            "family", "path", "errors", "p50 ms", "p90 ms", "p99 ms");
        table.Add("(none)", "bare hop: GET /healthz on provider-adapters", "", hop, "", "");
        foreach (var family in AdapterFamily.All)
        {
            var (direct, adapter) = await ClosedLoop.AlternatingAsync("simulator directly", "provider-adapters → simulator", count,
                Direct(family), ViaAdapter(family), cancellationToken);
            table.Add(family.Provider, direct.Name, direct.Errors, direct.P50, direct.P90, direct.P99);
            table.Add(family.Provider, adapter.Name, adapter.Errors, adapter.P50, adapter.P90, adapter.P99);
            var added = adapter.P50 - direct.P50;
            table.Add(family.Provider, "added by the adapter", "", added, adapter.P90 - direct.P90, adapter.P99 - direct.P99);
            context.Summary.AtMost(Name, $"{family.Provider}: added p50 (hop + translation)", added * 1000, 50, "µs");
            context.Summary.Info(Name, $"{family.Provider}: added p50 minus bare hop", $"{(added - hop) * 1000:0} µs (estimate)");
        }
        table.Print();
    }

    /// <summary>p50 of a bodiless <c>GET /healthz</c> round trip to the adapters: the cost of the extra hop alone.</summary>
    private static async Task<double> BareRoundTripAsync(HttpClient adapters, int count, CancellationToken cancellationToken)
    {
        async Task<long?> Get(int i, CancellationToken ct)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await adapters.GetAsync("/healthz", ct);
            return response.IsSuccessStatusCode ? Stopwatch.GetTimestamp() - start : null;
        }
        await ClosedLoop.AlternatingAsync("", "", 100, Get, Get, cancellationToken);
        var (first, second) = await ClosedLoop.AlternatingAsync("", "", count / 2, Get, Get, cancellationToken);
        return Math.Min(first.P50, second.P50);
    }
}
