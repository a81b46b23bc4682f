using System.Diagnostics;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.Benchmark.Stack;

/// <summary>
/// The peer: the Portkey OSS gateway (npm <c>@portkey-ai/gateway</c>, version pinned in
/// <c>tools/benchmark/Peer/package-lock.json</c>, installed there with <c>npm ci</c> on first use), run with
/// node on a free port, loopback only (<c>bind-loopback.mjs</c>), <c>--headless</c> and
/// <c>NODE_ENV=production</c> (no UI). It is pointed at the simulator per request as an OpenAI provider with
/// a custom host (<c>x-portkey-provider: openai</c>, <c>x-portkey-custom-host</c>); no cache, retries or
/// config, which are all off unless a request asks for them.
/// </summary>
internal sealed class PortkeyGateway : IAsyncDisposable
{
    private static readonly string PeerDir = Path.Combine(RepoPaths.Root, "tools", "benchmark", "Peer");
    private readonly TestProcess _process;

    private PortkeyGateway(TestProcess process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }
    public int Pid => _process.Id;
    public string Version { get; private init; } = "";

    public static async Task<PortkeyGateway> StartAsync(CancellationToken cancellationToken)
    {
        await InstallAsync(cancellationToken);
        var port = FreePort.Next();
        var process = TestProcess.Start("portkey", "node",
            ["--import", "./bind-loopback.mjs", "node_modules/@portkey-ai/gateway/build/start-server.js", $"--port={port}", "--headless"],
            new Dictionary<string, string> { ["NODE_ENV"] = "production" }, PeerDir);
        var gateway = new PortkeyGateway(process, new Uri($"http://127.0.0.1:{port}")) { Version = InstalledVersion() };
        try
        {
            await process.WaitForHttpAsync(gateway.Url.ToString(), TimeSpan.FromSeconds(60));
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
        return gateway;
    }

    /// <summary>Headers that make Portkey call the simulator's OpenAI endpoint with the simulator's key.</summary>
    public static void PointAtSimulator(HttpClient client, Uri simulator)
    {
        client.DefaultRequestHeaders.Add("x-portkey-provider", "openai");
        client.DefaultRequestHeaders.Add("x-portkey-custom-host", new Uri(simulator, "/openai/v1").ToString());
    }

    private static async Task InstallAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(PeerDir, "node_modules", "@portkey-ai", "gateway", "package.json")))
        {
            return;
        }
        Console.WriteLine("installing the Portkey gateway (npm ci in tools/benchmark/Peer)…");
        var info = new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"]) { WorkingDirectory = PeerDir, RedirectStandardOutput = true, RedirectStandardError = true };
        using var npm = Process.Start(info) ?? throw new InvalidOperationException("npm did not start");
        var output = npm.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = npm.StandardError.ReadToEndAsync(cancellationToken);
        await npm.WaitForExitAsync(cancellationToken);
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed ({npm.ExitCode}): {await output}{await errors}");
        }
    }

    private static string InstalledVersion()
    {
        var json = File.ReadAllText(Path.Combine(PeerDir, "node_modules", "@portkey-ai", "gateway", "package.json"));
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.GetProperty("version").GetString() ?? "";
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
