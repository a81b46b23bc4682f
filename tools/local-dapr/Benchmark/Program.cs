using Dapr.AiProvider.LocalDapr.Benchmark;

var options = BenchmarkOptions.Parse(args);
await using var setup = await BenchmarkSetup.StartAsync(options, CancellationToken.None);
var direct = $"{setup.AppUrl}/ping";
var viaSidecars = $"{setup.CallerSidecarUrl}/v1.0/invoke/bench-app/method/ping";
var results = new List<LoadResult>();
foreach (var (name, url) in new[] { ("direct", direct), ("two sidecars", viaSidecars) })
{
    await LoadRunner.RunAsync(url, 16, options.Warmup, CancellationToken.None);
    foreach (var concurrency in new[] { 1, 16 })
    {
        var cpuBefore = setup.SidecarCpu;
        var result = await LoadRunner.RunAsync(url, concurrency, options.Duration, CancellationToken.None);
        var cpuPerRequest = (setup.SidecarCpu - cpuBefore).TotalMicroseconds / Math.Max(1, result.Requests);
        results.Add(result with { Name = name, SidecarCpuMicros = name == "direct" ? 0 : cpuPerRequest });
    }
}
ResultTable.Print(results, Console.Out);
return 0;
