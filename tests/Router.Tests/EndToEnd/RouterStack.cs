using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Dapr.AiProvider.Router.Tests.Backend;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.Router.Tests.EndToEnd;

/// <summary>
/// The built router as a real process behind its local sidecar, calling a provider-adapters stand-in
/// (real HTTP) through a second sidecar; cache and usage go through the sidecar to a real Redis. A third sidecar
/// without an app (<see cref="AgentAppId"/>) stands for an agent in the mesh invoking the router.
/// </summary>
public sealed class RouterStack : IAsyncLifetime
{
    private const string Key = "e2e-bootstrap-key-0001";
    private const string AppToken = "e2e-app-token-0001";
    public const string AgentAppId = "agent-qa";
    private LocalSidecar _agent = null!;
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
        var sidecar = await LocalSidecar.StartAsync("router", routerPort, _redis, AppToken);
        _parts.Add(sidecar);
        _agent = await LocalSidecar.StartAsync(AgentAppId, 0, _redis);
        _parts.Add(_agent);
        _router = TestProcess.StartDotnet("router", RepoPaths.Dll("services/router", "Dapr.AiProvider.Router"), [], new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{routerPort}",
            ["AIPROVIDER_BOOTSTRAP_KEY"] = Key,
            ["DAPR_HTTP_PORT"] = sidecar.HttpPort.ToString(CultureInfo.InvariantCulture),
            ["DAPR_GRPC_PORT"] = sidecar.GrpcPort.ToString(CultureInfo.InvariantCulture),
            ["Router__Budget__Enabled"] = "false",
            ["APP_API_TOKEN"] = AppToken,
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

    /// <summary>Through the public port with the bootstrap key.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _client.SendAsync(request);

    /// <summary>The agent calls the router through its own sidecar (service invocation), with no API key.</summary>
    public async Task<HttpResponseMessage> AgentPostAsync(string json)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        return await http.PostAsync($"http://127.0.0.1:{_agent.HttpPort}/v1.0/invoke/router/method/v1/chat/completions",
            new StringContent(json, Encoding.UTF8, "application/json"));
    }

    /// <summary>The public port with no API key: only the given headers.</summary>
    public async Task<HttpResponseMessage> AnonymousPostAsync(string json, IReadOnlyDictionary<string, string> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_client.BaseAddress!, "v1/chat/completions"))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        return await http.SendAsync(request);
    }

    /// <summary>The entries of a Redis stream as redis-cli prints them (pub/sub messages: their CloudEvent JSON).</summary>
    public async Task<string> RedisStreamAsync(string key)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("redis-cli",
            ["-p", _redis.Port.ToString(CultureInfo.InvariantCulture), "XRANGE", key, "-", "+"]) { RedirectStandardOutput = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    public async Task<long> RedisStreamLengthAsync(string key)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("redis-cli",
            ["-p", _redis.Port.ToString(CultureInfo.InvariantCulture), "XLEN", key]) { RedirectStandardOutput = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return long.TryParse(output.Trim(), out var length) ? length : 0;
    }
}
