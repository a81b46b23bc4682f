using System.Globalization;
using System.Text.Json;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.EndToEnd.Tests;

/// <summary>
/// A gateway stack whose provider stand-in is <c>../shared/replay/server.mjs</c>: the real provider recordings, played
/// byte for byte at the simulator's paths, instead of the simulator (see <c>../shared/replay/README.md</c>).
/// </summary>
public sealed class ReplayStack : IAsyncLifetime
{
    private TestProcess? _server;

    public GatewayStack Gateway { get; private set; } = null!;
    public Uri ReplayUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        ReplayUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        _server = TestProcess.Start("replay", "node", [ReplayFixtures.Server, port.ToString(CultureInfo.InvariantCulture)]);
        await _server.WaitForHttpAsync(new Uri(ReplayUrl, "/healthz").ToString(), TimeSpan.FromSeconds(30));
        Gateway = new GatewayStack { ExternalSimulatorUrl = ReplayUrl };
        await Gateway.InitializeAsync();
    }

    /// <summary>The fixture ids the replay server was asked for, in order (<c>GET /_replay/requests</c>).</summary>
    public async Task<List<string?>> ServedAsync()
    {
        using var client = new HttpClient { BaseAddress = ReplayUrl };
        using var log = JsonDocument.Parse(await client.GetStringAsync("/_replay/requests"));
        return [.. log.RootElement.GetProperty("requests").EnumerateArray().Select(r => r.GetProperty("id").GetString())];
    }

    public async Task DisposeAsync()
    {
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
