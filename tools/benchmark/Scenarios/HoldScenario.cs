using Dapr.AiProvider.Benchmark.Measure;
using Dapr.AiProvider.Benchmark.Stack;

namespace Dapr.AiProvider.Benchmark.Scenarios;

/// <summary>
/// Not a measurement: starts the benchmark's stack (native router and provider-adapters when asked, as the other scenarios
/// run them), warms it, prints its addresses and the pid of every process, and keeps it running until Ctrl+C or
/// <c>AIPROVIDER_BENCH_HOLD_SECONDS</c> — so that a profiler (<c>perf record</c>, <c>strace -c</c>) can watch the stack
/// the benchmark measures while a load generator of one's choice (<c>wrk</c>, <c>Profile/closed_loop.py</c>) drives it.
/// </summary>
internal sealed class HoldScenario : IScenario
{
    public string Name => "hold";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        using var router = HttpClients.Create(stack.RouterUrl, BenchStack.BootstrapKey);
        await Warmup.UntilOkAsync(router, GatewayScenario.GatewayPath,
            Prompts.Chat(GatewayScenario.GatewayModel, "warm up " + Guid.NewGuid().ToString("N"), 0.7), cancellationToken);
        Console.WriteLine($"\n== hold: router {stack.RouterUrl} (key {BenchStack.BootstrapKey}), simulator {stack.SimulatorUrl} (key {BenchStack.SimulatorKey}), "
            + $"provider-adapters {stack.AdaptersAppUrl}");
        Console.WriteLine("== hold: pids " + string.Join(", ", StackProcesses.Find(stack).Select(p => $"{p.Key} {p.Value}")));
        var seconds = double.TryParse(Environment.GetEnvironmentVariable("AIPROVIDER_BENCH_HOLD_SECONDS"),
            System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : double.PositiveInfinity;
        Console.WriteLine(double.IsPositiveInfinity(seconds) ? "== hold: running until Ctrl+C" : $"== hold: running for {seconds:0} s");
        try
        {
            await Task.Delay(double.IsPositiveInfinity(seconds) ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(seconds), cancellationToken);
        }
        catch (OperationCanceledException) { } // Ctrl+C: the stack is stopped as after any scenario
    }
}
