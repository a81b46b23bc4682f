using Dapr.AiProvider.Benchmark;
using Dapr.AiProvider.Benchmark.Report;
using Dapr.AiProvider.Benchmark.Scenarios;
using Dapr.AiProvider.Benchmark.Stack;

if (BenchOptions.Parse(args) is not { } options)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

Console.WriteLine($"Dapr.AiProvider benchmark — {(options.Quick ? "quick" : "full")} mode, scenarios: "
    + string.Join(", ", options.Scenarios.Select(s => s.Name)));
var load = File.Exists("/proc/loadavg") ? ", load average " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "";
Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC{load}");

var summary = new Summary();
try
{
    var shared = options.Scenarios.Where(s => s is not IOwnStackScenario).ToList();
    if (shared.Count > 0)
    {
        await using var stack = await BenchStack.StartAsync(cancel.Token);
        await RunAsync(shared, new BenchContext(stack, options, summary));
    }
    await RunAsync(options.Scenarios.OfType<IOwnStackScenario>(), new BenchContext(null, options, summary));
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.WriteLine("\ncancelled; the stack is stopped");
    return 130;
}
summary.Print();
return summary.HasErrors ? 1 : 0;

async Task RunAsync(IEnumerable<IScenario> scenarios, BenchContext context)
{
    foreach (var scenario in scenarios)
    {
        try
        {
            await scenario.RunAsync(context, cancel.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Console.WriteLine($"\n!! scenario {scenario.Name} failed: {ex.GetType().Name}: {ex.Message}");
            summary.Failed(scenario.Name, ex.Message);
        }
    }
}
