using System.Diagnostics;
using System.Globalization;
using Dapr.AiProvider.Benchmark.Measure;
using Dapr.AiProvider.Benchmark.Report;
using Dapr.AiProvider.Benchmark.Stack;

namespace Dapr.AiProvider.Benchmark.Scenarios;

/// <summary>
/// Issue 20: N slow streams opened at once (the simulator's <c>slow_drip</c> fault: a few words at 2 tokens/s
/// each) straight to the simulator, then through the gateway. A stream counts as open from its first content
/// token to its last byte; the figure that matters is how many are open together. Time to first token runs
/// from the instant all N were started, so a stream queued behind a cap shows as a late first token.
/// Memory per open stream is the rise of peak RSS over the RSS before the run, divided by the most streams open.
/// </summary>
internal sealed class StreamsScenario : IScenario
{
    /// <summary>
    /// The answer is cut at this many tokens: six words at the simulator's 2 tokens/s, about 3 s per stream, as in the
    /// issue. <c>AIPROVIDER_BENCH_STREAM_WORDS</c> makes streams longer, so that how many can be open at once is not
    /// hidden by how fast the path opens them (a stream that ended before the last one started never overlaps it).
    /// </summary>
    private static readonly int Words =
        int.TryParse(Environment.GetEnvironmentVariable("AIPROVIDER_BENCH_STREAM_WORDS"), out var words) && words > 0 ? words : 6;
    private const string SlowDrip = " [[sim:fault=slow_drip]]";
    private const string Direct = "direct (simulator)";
    private const string ViaGateway = "gateway (full Dapr path)";

    public string Name => "streams";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        int[] counts = context.Options.Quick ? [1_000] : [1_000, 2_000];
        var run = Guid.NewGuid().ToString("N")[..8];
        using var direct = StreamClient(stack.SimulatorUrl, BenchStack.SimulatorKey);
        using var gateway = StreamClient(stack.RouterUrl, BenchStack.BootstrapKey);
        var pids = StackProcesses.Find(stack);
        var measured = new Dictionary<string, int>(
            new[] { StackProcesses.Router, StackProcesses.RouterSidecar, StackProcesses.Adapters, StackProcesses.AdaptersSidecar, StackProcesses.Simulator }
                .Where(pids.ContainsKey).Select(r => KeyValuePair.Create(r, pids[r])));

        Console.WriteLine($"\n== streams: {string.Join(" and ", counts)} slow streams ({Words} words at the simulator's slow_drip pace) opened at once");
        await Warmup.UntilOkAsync(gateway, GatewayScenario.GatewayPath, Prompts.Chat(GatewayScenario.GatewayModel, "warm up " + run, 0.7), cancellationToken);
        await OpenAtOnceAsync(ViaGateway, gateway, GatewayScenario.GatewayPath, GatewayScenario.GatewayModel, run + "w", 50, cancellationToken);

        var table = new Table("streams — slow streams opened at once (TTFT from the common start)",
            "streams", "path", "ok", "errors", "most open together", "TTFT p50 ms", "TTFT p95 ms", "wall s", "wall ÷ direct");
        var memory = new Table("streams — memory and CPU per stream (peak RSS − RSS before, ÷ most open together)",
            "streams", "process", "RSS before MB", "peak RSS MB", "KB per open stream", "CPU µs per stream");
        foreach (var count in counts)
        {
            var baseline = await OpenAtOnceAsync(Direct, direct, GatewayScenario.DirectPath, GatewayScenario.DirectModel, $"{run}d{count}", count, cancellationToken);
            await using var meter = new ProcessMeter(measured);
            meter.Start();
            var full = await OpenAtOnceAsync(ViaGateway, gateway, GatewayScenario.GatewayPath, GatewayScenario.GatewayModel, $"{run}g{count}", count, cancellationToken);
            await meter.StopAsync();
            foreach (var r in new[] { baseline, full })
            {
                table.Add(count, r.Name, r.Ok, r.Errors, r.MostOpen, r.TtftP50, r.TtftP95, r.Wall.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
                    (r.Wall / baseline.Wall).ToString("0.00", CultureInfo.InvariantCulture));
            }
            foreach (var name in meter.Names)
            {
                var perStream = full.MostOpen == 0 ? double.NaN : (meter.PeakRssMb(name) - meter.StartRssMb(name)) * 1024 / full.MostOpen;
                memory.Add(count, name, meter.StartRssMb(name).ToString("0", CultureInfo.InvariantCulture),
                    meter.PeakRssMb(name).ToString("0", CultureInfo.InvariantCulture), perStream.ToString("0.0", CultureInfo.InvariantCulture),
                    meter.MicrosecondsPer(name, full.Ok).ToString("0", CultureInfo.InvariantCulture));
                if (name == StackProcesses.Router)
                {
                    context.Summary.AtMost(Name, $"{count} streams: router memory per open stream", perStream, 40, "KB");
                }
            }
            var errors = full.Errors > 0 ? $" ({full.Errors} errors)" : "";
            context.Summary.AtLeast(Name, $"{count} streams: open together through the gateway{errors}", full.MostOpen, count, "streams");
            context.Summary.AtMost(Name, $"{count} streams: wall time ÷ direct ({full.Wall.TotalSeconds:0.0} vs {baseline.Wall.TotalSeconds:0.0} s)",
                full.Wall / baseline.Wall, 1.2, "×");
        }
        table.Print();
        memory.Print();
    }

    /// <summary>No client-side cap or timeout: the benchmark's own client must never be what limits the streams.</summary>
    private static HttpClient StreamClient(Uri baseAddress, string key)
    {
        var client = HttpClients.Create(baseAddress, key);
        client.Timeout = Timeout.InfiniteTimeSpan;
        return client;
    }

    /// <summary>Starts <paramref name="count"/> streams together and waits for all of them to end.</summary>
    private static async Task<StreamsResult> OpenAtOnceAsync(string name, HttpClient client, string path, string model, string run, int count,
        CancellationToken cancellationToken)
    {
        var open = 0;
        var mostOpen = 0;
        var errors = 0;
        var firstTokens = new List<double>(count);
        var gate = new Lock();
        var start = Stopwatch.GetTimestamp();

        async Task OneAsync(int i)
        {
            await Task.Yield();
            var body = string.Create(CultureInfo.InvariantCulture,
                $$"""{"model":"{{model}}","temperature":0.7,"stream":true,"max_tokens":{{Words}},"messages":[{"role":"user","content":"Stream {{run}} number {{i}}: tell a story{{SlowDrip}}"}]}""");
            var counted = false;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = HttpClients.Json(body) };
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                    return;
                }
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                using var reader = new StreamReader(stream);
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (!counted && line.StartsWith("data:", StringComparison.Ordinal)
                        && line.Contains("\"content\":\"", StringComparison.Ordinal) && !line.Contains("\"content\":\"\"", StringComparison.Ordinal))
                    {
                        counted = true;
                        var now = Interlocked.Increment(ref open);
                        lock (gate)
                        {
                            firstTokens.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                            mostOpen = Math.Max(mostOpen, now);
                        }
                    }
                }
                if (!counted)
                {
                    Interlocked.Increment(ref errors);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                Interlocked.Increment(ref errors);
            }
            finally
            {
                if (counted)
                {
                    Interlocked.Decrement(ref open);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, count).Select(OneAsync));
        var wall = Stopwatch.GetElapsedTime(start);
        firstTokens.Sort();
        double Percentile(double p) => firstTokens.Count == 0 ? double.NaN : firstTokens[Math.Max(0, (int)Math.Ceiling(p * firstTokens.Count) - 1)];
        return new StreamsResult(name, count - errors, errors, mostOpen, Percentile(0.5), Percentile(0.95), wall);
    }

    private sealed record StreamsResult(string Name, int Ok, int Errors, int MostOpen, double TtftP50, double TtftP95, TimeSpan Wall);
}
