using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Dapr.AiProvider.Router.Tests.Backend;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.Router.Tests.EndToEnd;

/// <summary>
/// The built router as a real process behind its local sidecar, calling a provider-adapters stand-in
/// (real HTTP) through a second sidecar; cache and usage go through the sidecar to a real Redis.
/// </summary>
public sealed class RouterStack : IAsyncLifetime
{
    private const string Key = "e2e-bootstrap-key-0001";
    private readonly List<IAsyncDisposable> _parts = [];
    private RedisServer _redis = null!;
    private TestProcess _router = null!;
    private HttpClient _client = null!;

    public TestProcess Router => _router;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        var adapters = await FakeAdaptersServer.StartAsync(prefix: "");
        _parts.Add(adapters);
        _parts.Add(await LocalSidecar.StartAsync("provider-adapters", adapters.Port, _redis));
        var routerPort = FreePort.Next();
        var sidecar = await LocalSidecar.StartAsync("router", routerPort, _redis);
        _parts.Add(sidecar);
        _router = TestProcess.StartDotnet("router", RepoPaths.Dll("services/router", "Dapr.AiProvider.Router"), [], new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{routerPort}",
            ["AIPROVIDER_BOOTSTRAP_KEY"] = Key,
            ["DAPR_HTTP_PORT"] = sidecar.HttpPort.ToString(CultureInfo.InvariantCulture),
            ["DAPR_GRPC_PORT"] = sidecar.GrpcPort.ToString(CultureInfo.InvariantCulture),
            ["Router__Budget__Enabled"] = "false",
        });
        await _router.WaitForHttpAsync($"http://127.0.0.1:{routerPort}/healthz", TimeSpan.FromSeconds(30));
        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{routerPort}/"), Timeout = TimeSpan.FromSeconds(30) };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_router is not null)
        {
            await _router.DisposeAsync();
        }
        foreach (var part in Enumerable.Reverse(_parts))
        {
            await part.DisposeAsync();
        }
        await _redis.DisposeAsync();
    }

    public Task<HttpResponseMessage> PostAsync(string json) =>
        _client.PostAsync("v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));

    public async Task<long> RedisStreamLengthAsync(string key)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("redis-cli",
            ["-p", _redis.Port.ToString(CultureInfo.InvariantCulture), "XLEN", key]) { RedirectStandardOutput = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return long.TryParse(output.Trim(), out var length) ? length : 0;
    }
}
