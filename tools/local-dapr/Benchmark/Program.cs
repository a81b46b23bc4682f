using System.Globalization;
using Dapr.AiProvider.LocalDapr.Benchmark;

if (args is [TrivialApp.ServeFlag, var port])
{
    await TrivialApp.ServeAsync(int.Parse(port, CultureInfo.InvariantCulture));
    return 0;
}
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
        var ownBefore = setup.ClientAndAppCpu;
        var result = await LoadRunner.RunAsync(url, concurrency, options.Duration, CancellationToken.None);
        var requests = Math.Max(1, result.Requests);
        var cpuPerRequest = (setup.SidecarCpu - cpuBefore).TotalMicroseconds / requests;
        results.Add(result with
        {
            Name = name,
            SidecarCpuMicros = name == "direct" ? 0 : cpuPerRequest,
            ClientAndAppCpuMicros = (setup.ClientAndAppCpu - ownBefore).TotalMicroseconds / requests,
        });
    }
}
ResultTable.Print(results, options, Console.Out);
return 0;
