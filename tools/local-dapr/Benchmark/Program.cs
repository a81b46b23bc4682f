using Dapr.AiProvider.LocalDapr.Benchmark;

var options = BenchmarkOptions.Parse(args);
await using var setup = await BenchmarkSetup.StartAsync(options, CancellationToken.None);
var direct = $"{setup.AppUrl}/ping";
var viaSidecars = $"{setup.CallerSidecarUrl}/v1.0/invoke/bench-app/method/ping";
var results = new List<LoadResult>();
foreach (var (name, url) in new[] { ("direct", direct), ("two sidecars", viaSidecars) })
{
    await LoadRunner.RunAsync(url, 4, TimeSpan.FromSeconds(1), CancellationToken.None);
    results.Add(await LoadRunner.RunAsync(url, 1, options.Duration, CancellationToken.None) with { Name = name });
    results.Add(await LoadRunner.RunAsync(url, 16, options.Duration, CancellationToken.None) with { Name = name });
}
ResultTable.Print(results, Console.Out);
return 0;
