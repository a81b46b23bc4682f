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
/// Issue 20: CPU µs per hit of the router, its sidecar and this load generator (<c>/proc/&lt;pid&gt;/stat</c>), because on
/// the shared 2 cores the client's own CPU bounds the figure as much as the router's.
/// </summary>
internal sealed class CacheHitScenario : IScenario
{
    private const int Clients = 32;

    /// <summary>The load generator's row in the CPU table: this benchmark process.</summary>
    private const string LoadGenerator = "load generator (this process)";

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
                && response.Headers.TryGetValues("x-aiprovider-cache", out var values) && values.Contains("HIT");
            return await ReadsWholeAnswerAsync(response.Content, bounded.Token) && hit;
        }

        await ClosedLoop.RunAsync("warm-up", Clients, Warmup.Seconds, Hit, cancellationToken);
        var stack = StackProcesses.Find(context.Stack);
        var processes = new Dictionary<string, int> { [LoadGenerator] = Environment.ProcessId };
        foreach (var role in (string[])[StackProcesses.Router, StackProcesses.RouterSidecar])
        {
            if (stack.TryGetValue(role, out var pid))
            {
                processes[role] = pid;
            }
        }
        Console.WriteLine("cache-hit: processes measured: " + string.Join(", ", processes.Select(p => $"{p.Key} {p.Value}")));
        await using var meter = new ProcessMeter(processes);
        meter.Start();
        var result = await ClosedLoop.RunAsync("cache hits", Clients, context.Options.RunSeconds, Hit, cancellationToken);
        await meter.StopAsync();

        new Table($"cache-hit — identical temperature-0 request, {Clients} clients, closed loop, {context.Options.RunSeconds:0} s",
                "path", "hits", "not HIT / errors", "requests/s", "p50 ms", "p90 ms", "p99 ms", "max ms")
            .Add("gateway /v1/chat/completions", result.Count, result.Errors, (long)result.PerSecond, result.P50, result.P90,
                result.P99, result.Max)
            .Print();
        var cpu = new Table("cache-hit — CPU µs per hit of each process (user + system, /proc/<pid>/stat)", "process", "µs per hit", "peak RSS MB");
        foreach (var name in meter.Names)
        {
            cpu.Add(name, Us(meter.MicrosecondsPer(name, result.Count)), meter.PeakRssMb(name).ToString("0", CultureInfo.InvariantCulture));
        }
        cpu.Print();
        var errors = result.Errors > 0 ? $" ({result.Errors} not HIT)" : "";
        // Issue 20's target (it replaced the first version's 5,000 req/s).
        context.Summary.AtLeast(Name, $"cache-hit requests/s, {Clients} clients{errors}", result.PerSecond, 15_000, "req/s");
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
