using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Dapr.AiProvider.LocalDapr.Benchmark;

/// <summary>A redis-server, a trivial app (GET /ping in this process), its sidecar and a caller sidecar.</summary>
internal sealed class BenchmarkSetup : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    public string AppUrl { get; private set; } = "";
    public string CallerSidecarUrl { get; private set; } = "";

    /// <summary>CPU time used by both sidecars so far.</summary>
    public TimeSpan SidecarCpu => _sidecars.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.CpuTime);

    private readonly List<ChildProcess> _sidecars = [];

    public static async Task<BenchmarkSetup> StartAsync(BenchmarkOptions options, CancellationToken ct)
    {
        var setup = new BenchmarkSetup();
        try
        {
            await setup.StartAllAsync(options, ct);
            return setup;
        }
        catch
        {
            await setup.DisposeAsync();
            throw;
        }
    }

    private async Task StartAllAsync(BenchmarkOptions options, CancellationToken ct)
    {
        var redisPort = FreePort();
        var redis = new ChildProcess("redis-server", ["--port", Text(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
        _owned.Add(redis);
        var resources = Directory.CreateTempSubdirectory("localdapr-bench");
        await File.WriteAllTextAsync(Path.Combine(resources.FullName, "statestore.yaml"), $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: statestore
            spec:
              type: state.redis
              version: v1
              metadata:
              - name: redisHost
                value: 127.0.0.1:{redisPort}
            """, ct);
        var appPort = FreePort();
        var app = TrivialApp.Start(appPort);
        _owned.Add(app);
        AppUrl = $"http://127.0.0.1:{appPort}";
        var calleePort = FreePort();
        var callerPort = FreePort();
        _sidecars.Add(Sidecar(options, "bench-app", calleePort, appPort, resources.FullName));
        _sidecars.Add(Sidecar(options, "bench-caller", callerPort, 0, resources.FullName));
        _owned.AddRange(_sidecars);
        CallerSidecarUrl = $"http://127.0.0.1:{callerPort}";
        await WaitAsync($"http://127.0.0.1:{calleePort}/v1.0/healthz", ct);
        await WaitAsync($"{CallerSidecarUrl}/v1.0/invoke/bench-app/method/ping", ct);
    }

    /// <summary>
    /// Runtime settings for the sidecar processes: W^X off (it makes every tier-up of JIT code expensive, which
    /// dominated the sidecars' CPU in short runs on a busy 2-core machine). Same as the launcher should use.
    /// </summary>
    private static readonly Dictionary<string, string> SidecarEnvironment = new() { ["DOTNET_EnableWriteXorExecute"] = "0" };

    private static ChildProcess Sidecar(BenchmarkOptions options, string appId, int httpPort, int appPort, string resources)
    {
        List<string> args = [options.SidecarDll, "--app-id", appId, "--dapr-http-port", Text(httpPort),
            "--dapr-grpc-port", Text(FreePort()), "--resources-path", resources, "--log-level", "warn"];
        if (appPort > 0)
        {
            args.AddRange(["--app-port", Text(appPort)]);
        }
        return new ChildProcess("dotnet", args, SidecarEnvironment);
    }

    private async Task WaitAsync(string url, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(url, ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
            }
            await Task.Delay(100, ct);
        }
        throw new TimeoutException($"{url} did not answer within 60 s:\n{string.Join("\n---\n", _sidecars.Select(p => p.Output))}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }
    }
}
