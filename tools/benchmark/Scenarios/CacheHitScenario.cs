using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Dapr.AiProvider.Benchmark.Measure;
using Dapr.AiProvider.Benchmark.Report;
using Dapr.AiProvider.Benchmark.Stack;

namespace Dapr.AiProvider.Benchmark.Scenarios;

/// <summary>
/// Issue 5: requests/s of the cache-hit path — one identical temperature-0 request repeated by 32
/// concurrent clients (closed loop) after a first call filled the cache. Answers that are not a HIT count as errors.
/// Issue 20: CPU µs per hit of the router, its sidecar and the load generator (<c>/proc/&lt;pid&gt;/stat</c>), because on
/// the shared 2 cores the client's own CPU bounds the figure as much as the router's. The load generator is <c>wrk</c>
/// when it is on PATH (<see cref="WrkLoad"/>; <c>AIPROVIDER_BENCH_WRK=0</c> turns it off), else this process's .NET client.
/// </summary>
internal sealed class CacheHitScenario : IScenario
{
    private const int Clients = 32;

    /// <summary>The load generator's row in the CPU table: this benchmark process.</summary>
    private const string LoadGenerator = "load generator (this process, .NET client)";

    /// <summary>The router's answer header that says HIT (the client's <c>GatewayHeaders.Cache</c>).</summary>
    private const string CacheHeader = "x-aiprovider-cache";

    public string Name => "cache-hit";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        using var gateway = HttpClients.Create(context.Stack.RouterUrl, BenchStack.BootstrapKey);
        var body = Prompts.Chat(GatewayScenario.GatewayModel, $"Benchmark {Guid.NewGuid():N}: cache me", 0);
        Console.WriteLine("\n== cache-hit: filling the cache, warming up");
        await Warmup.UntilOkAsync(gateway, GatewayScenario.GatewayPath, body, cancellationToken);

        // A lean client, so that more of the box is left to the router: HttpMessageInvoker sends straight to the pooled
        // handler (HttpClient adds a linked token source and a timer per request for its timeout; here one token bounds
        // the whole run), the body is built once, and each answer is read whole into a pooled buffer and checked.
        using var invoker = new HttpMessageInvoker(HttpClients.Handler());
        var uri = new Uri(context.Stack.RouterUrl, GatewayScenario.GatewayPath);
        var json = Encoding.UTF8.GetBytes(body);
        var contentType = new MediaTypeHeaderValue("application/json", "utf-8");
        var bearer = new AuthenticationHeaderValue("Bearer", BenchStack.BootstrapKey);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(TimeSpan.FromSeconds(Warmup.Seconds + context.Options.RunSeconds + 60));

        async Task<bool> Hit(int i, CancellationToken ct)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(json) { Headers = { ContentType = contentType } } };
            request.Headers.Authorization = bearer;
            using var response = await invoker.SendAsync(request, bounded.Token);
            var hit = response.IsSuccessStatusCode
                && response.Headers.TryGetValues(CacheHeader, out var values) && values.Contains("HIT");
            return await ReadsWholeAnswerAsync(response.Content, bounded.Token) && hit;
        }

        // wrk when it is installed (the figure then measures the router, not a .NET client on the same two cores);
        // else the .NET client above. Both check every answer the same way.
        var wrk = WrkLoad.Chosen();
        var generator = wrk is null ? ".NET client" : "wrk";
        Console.WriteLine($"cache-hit: load generator: {(wrk is null ? "the benchmark's .NET client (no wrk on PATH, or AIPROVIDER_BENCH_WRK=0)" : wrk)}");
        var headers = new Dictionary<string, string> { ["Content-Type"] = contentType.ToString(), ["Authorization"] = bearer.ToString() };

        // The meter runs around the load only; wrk's CPU comes from wrk itself (it has exited when the meter stops).
        async Task<(RunResult Run, long? WrkCpuUs)> LoadAsync(string name, double seconds, ProcessMeter? meter)
        {
            meter?.Start();
            try
            {
                if (wrk is null)
                {
                    return (await ClosedLoop.RunAsync(name, Clients, seconds, Hit, cancellationToken), null);
                }
                // Two threads: one event loop per core of this box, each over its share of the connections.
                var figures = await WrkLoad.RunAsync(wrk, uri, body, headers, CacheHeader, "HIT", Clients, threads: 2, seconds, cancellationToken);
                return (figures.Run with { Name = name }, figures.CpuMicroseconds);
            }
            finally
            {
                if (meter is not null)
                {
                    await meter.StopAsync();
                }
            }
        }

        await LoadAsync("warm-up", Warmup.Seconds, null);
        var stack = StackProcesses.Find(context.Stack);
        var processes = new Dictionary<string, int>();
        if (wrk is null)
        {
            processes[LoadGenerator] = Environment.ProcessId;
        }
        foreach (var role in (string[])[StackProcesses.Router, StackProcesses.RouterSidecar])
        {
            if (stack.TryGetValue(role, out var pid))
            {
                processes[role] = pid;
            }
        }
        Console.WriteLine("cache-hit: processes measured: " + string.Join(", ", processes.Select(p => $"{p.Key} {p.Value}")));
        await using var meter = new ProcessMeter(processes);
        var (result, wrkCpuUs) = await LoadAsync("cache hits", context.Options.RunSeconds, meter);

        new Table($"cache-hit — identical temperature-0 request, {Clients} clients, closed loop, {context.Options.RunSeconds:0} s, {generator}",
                "path", "hits", "not HIT / errors", "requests/s", "p50 ms", "p90 ms", "p99 ms", "max ms")
            .Add("gateway /v1/chat/completions", result.Count, result.Errors, (long)result.PerSecond, result.P50, result.P90,
                result.P99, result.Max)
            .Print();
        var cpu = new Table("cache-hit — CPU µs per hit of each process (user + system; /proc/<pid>/stat, wrk's own clock())", "process", "µs per hit", "peak RSS MB");
        foreach (var name in meter.Names)
        {
            cpu.Add(name, Us(meter.MicrosecondsPer(name, result.Count)), meter.PeakRssMb(name).ToString("0", CultureInfo.InvariantCulture));
        }
        if (wrkCpuUs is { } wrkUs)
        {
            cpu.Add("load generator (wrk)", Us(result.Count > 0 ? (double)wrkUs / result.Count : double.NaN), "");
        }
        cpu.Print();
        var errors = result.Errors > 0 ? $" ({result.Errors} not HIT)" : "";
        // Issue 20's target (it replaced the first version's 5,000 req/s).
        context.Summary.AtLeast(Name, $"cache-hit requests/s, {Clients} clients, {generator}{errors}", result.PerSecond, 15_000, "req/s");
    }

    /// <summary>Reads the body to its end: a JSON object (its last byte is <c>}</c>) of the length it declared, if it declared one.</summary>
    private static async Task<bool> ReadsWholeAnswerAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            long length = 0;
            byte last = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                length += read;
                last = buffer[read - 1];
            }
            return last == (byte)'}' && (content.Headers.ContentLength is not { } declared || declared == length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string Us(double us) => double.IsNaN(us) ? "" : us.ToString("0", CultureInfo.InvariantCulture);
}
