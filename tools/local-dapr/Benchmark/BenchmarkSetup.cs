using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Dapr.AiProvider.LocalDapr.Benchmark;

/// <summary>
/// A redis-server, a trivial app (GET /ping), its sidecar and a caller sidecar. The app runs in its own process by
/// default, so the comparison is load generator → app process against load generator → sidecar → sidecar → app
/// process, as deployed. With the app inside the load generator's process (<c>--app inproc</c>) the direct path
/// never leaves one process: both ends share a thread pool and one epoll wake serves either side, a saving no real
/// client/app pair has, which makes the direct figure (and so the ratio's denominator) unrealistically cheap.
/// </summary>
internal sealed class BenchmarkSetup : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    public string AppUrl { get; private set; } = "";
    public string CallerSidecarUrl { get; private set; } = "";
    /// <summary>The HTTP API socket of a third sidecar, a caller started with <c>--unix-domain-socket</c>.</summary>
    public string CallerSocket { get; private set; } = "";

    /// <summary>CPU time used by the sidecars so far (the caller that is not under load adds next to nothing).</summary>
    public TimeSpan SidecarCpu => _sidecars.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.CpuTime);

    private readonly List<ChildProcess> _sidecars = [];

    private ChildProcess? _appProcess;

    /// <summary>CPU time used so far by the load generator (this process) and the trivial app (here or its own process).</summary>
    public TimeSpan ClientAndAppCpu
    {
        get
        {
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            return self.TotalProcessorTime + (_appProcess?.CpuTime ?? TimeSpan.Zero);
        }
    }

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
        if (options.AppInProcess)
        {
            _owned.Add(TrivialApp.Start(appPort));
        }
        else
        {
            var self = Path.Combine(AppContext.BaseDirectory, "LocalDapr.Benchmark.dll");
            _appProcess = new ChildProcess("dotnet", [self, TrivialApp.ServeFlag, Text(appPort)]);
            _owned.Add(_appProcess);
        }
        AppUrl = $"http://127.0.0.1:{appPort}";
        await WaitAsync($"{AppUrl}/ping", ct);
        var calleePort = FreePort();
        var callerPort = FreePort();
        _sidecars.Add(Sidecar(options, "bench-app", calleePort, appPort, resources.FullName));
        _sidecars.Add(Sidecar(options, "bench-caller", callerPort, 0, resources.FullName));
        var sockets = Directory.CreateTempSubdirectory("localdapr-bench-uds").FullName;
        _sidecars.Add(Sidecar(options, "bench-caller-uds", FreePort(), 0, resources.FullName, ["--unix-domain-socket", sockets]));
        CallerSocket = Path.Combine(sockets, "dapr-bench-caller-uds-http.socket");
        _owned.AddRange(_sidecars);
        CallerSidecarUrl = $"http://127.0.0.1:{callerPort}";
        await WaitAsync($"http://127.0.0.1:{calleePort}/v1.0/healthz", ct);
        await WaitAsync($"{CallerSidecarUrl}/v1.0/invoke/bench-app/method/ping", ct);
        await WaitAsync("http://localhost/v1.0/invoke/bench-app/method/ping", ct, LoadRunner.SocketClient(CallerSocket));
    }

    /// <summary>
    /// Runtime settings for the sidecar processes: W^X off (it makes every tier-up of JIT code expensive, which
    /// dominated the sidecars' CPU in short runs on a busy 2-core machine). Same as the launcher should use.
    /// </summary>
    private static readonly Dictionary<string, string> SidecarEnvironment = new() { ["DOTNET_EnableWriteXorExecute"] = "0" };

    private static ChildProcess Sidecar(BenchmarkOptions options, string appId, int httpPort, int appPort, string resources, string[]? extra = null)
    {
        List<string> args = [options.SidecarDll, "--app-id", appId, "--dapr-http-port", Text(httpPort),
            "--dapr-grpc-port", Text(FreePort()), "--resources-path", resources, "--log-level", "warn", .. extra ?? []];
        if (appPort > 0)
        {
            args.AddRange(["--app-port", Text(appPort)]);
        }
        var environment = new Dictionary<string, string>(SidecarEnvironment);
        foreach (var (name, value) in options.SidecarEnvironment)
        {
            environment[name] = value;
        }
        return new ChildProcess("dotnet", args, environment);
    }

    /// <summary><paramref name="through"/>: the client to poll with (e.g. one on a Unix domain socket); a new one by default.</summary>
    private async Task WaitAsync(string url, CancellationToken ct, HttpClient? through = null)
    {
        using var own = through is null ? new HttpClient { Timeout = TimeSpan.FromSeconds(2) } : null;
        var http = through ?? own!;
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
