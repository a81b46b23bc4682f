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
const string viaSocket = "http://localhost/v1.0/invoke/bench-app/method/ping";
var results = new List<LoadResult>();
// The caller's hop on TCP and on its Unix domain socket (docs/sidecar-sockets.md) in turn, twice.
(string Name, string Url, string? Socket)[] paths =
[
    ("direct", direct, null), ("two sidecars", viaSidecars, null), ("two sidecars, caller on a unix socket", viaSocket, setup.CallerSocket),
    ("two sidecars", viaSidecars, null), ("two sidecars, caller on a unix socket", viaSocket, setup.CallerSocket),
];
foreach (var (name, url, socket) in paths)
{
    await LoadRunner.RunAsync(url, 16, options.Warmup, CancellationToken.None, socket);
    foreach (var concurrency in new[] { 1, 16 })
    {
        var cpuBefore = setup.SidecarCpu;
        var ownBefore = setup.ClientAndAppCpu;
        var result = await LoadRunner.RunAsync(url, concurrency, options.Duration, CancellationToken.None, socket);
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
