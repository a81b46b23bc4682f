using System.Net;
using System.Net.Sockets;
using System.Text;
using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;
using Dapr.Client;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;

namespace Dapr.AiProvider.LocalDapr.Tests.Hosting;

/// <summary>
/// <c>--unix-domain-socket</c> as daprd does it: the HTTP and gRPC API listen only on
/// <c>{dir}/dapr-{appId}-http.socket</c> / <c>-grpc.socket</c> (dapr/dapr pkg/api/http/server.go and
/// pkg/api/grpc/server.go, StartNonBlocking: with a socket dir the TCP listeners are not opened), the files go at
/// shutdown (pkg/runtime/runtime.go, cleanSockets), a file already there fails the start (Go's net.Listen("unix")
/// does not replace it), and service invocation between sidecars keeps working (daprd's internal gRPC server
/// stays on TCP).
/// </summary>
[Trait("Category", "Process")]
public sealed class UnixDomainSocketTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("uds-").FullName;
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private string Socket(string appId, string api) => Path.Combine(_dir, $"dapr-{appId}-{api}.socket");

    private Task<SidecarProcess> StartOnSocketsAsync(string appId, int appPort = 0) =>
        SidecarProcess.StartAsync(_redis, new SidecarSpec(appId)
        {
            AppPort = appPort,
            ExtraArgs = ["--unix-domain-socket", _dir],
            WaitForOutbound = false,
        });

    [Fact]
    public async Task Api_ListensOnlyOnTheTwoSockets_StateWorksOverBoth_FilesRemovedAtShutdown()
    {
        await using var sidecar = await StartOnSocketsAsync("uds-alpha");
        await UnixSocketHttp.WaitForAsync(Socket("uds-alpha", "http"), "v1.0/healthz/outbound", TimeSpan.FromSeconds(30), () => sidecar.Output);

        Assert.Equal(
            ["dapr-uds-alpha-grpc.socket", "dapr-uds-alpha-http.socket"],
            Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.False(await AcceptsAsync(sidecar.HttpPort), "the TCP HTTP API port must not listen");
        Assert.False(await AcceptsAsync(sidecar.GrpcPort), "the TCP gRPC API port must not listen");

        using var http = UnixSocketHttp.Client(Socket("uds-alpha", "http"));
        using var save = await http.PostAsync("v1.0/state/statestore",
            new StringContent("""[{"key":"k1","value":"over-http-socket"}]""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NoContent, save.StatusCode);

        // The real SDK over the gRPC socket: Dapr.Client takes the channel's handler through GrpcChannelOptions.
        using var dapr = new DaprClientBuilder()
            .UseGrpcEndpoint("http://localhost")
            .UseGrpcChannelOptions(new GrpcChannelOptions { HttpHandler = UnixSocketHttp.Handler(Socket("uds-alpha", "grpc")) })
            .Build();
        Assert.Equal("over-http-socket", await dapr.GetStateAsync<string>("statestore", "k1"));
        await dapr.SaveStateAsync("statestore", "k2", "over-grpc-socket");
        Assert.Equal("\"over-grpc-socket\"", await http.GetStringAsync("v1.0/state/statestore/k2"));

        await sidecar.StopAsync();

        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public async Task SocketFileAlreadyThere_StartFailsNamingIt()
    {
        await File.WriteAllTextAsync(Socket("uds-stale", "http"), "");
        await using var sidecar = await StartOnSocketsAsync("uds-stale");

        var exitCode = await sidecar.Process.WaitForExitCodeAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, exitCode);
        Assert.Contains($"fatal: listen unix {Socket("uds-stale", "http")}: bind: address already in use", sidecar.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocation_BetweenTwoSidecarsOnSockets_ReachesTheApp_AndThePeerPortRefusesTheApi()
    {
        await using var app = await TestApp.StartAsync(a => a.MapGet("/hello", () => "hello from beta's app"));
        await using var beta = await StartOnSocketsAsync("uds-beta", app.Port);
        await using var gamma = await StartOnSocketsAsync("uds-gamma");
        await UnixSocketHttp.WaitForAsync(Socket("uds-beta", "http"), "v1.0/healthz", TimeSpan.FromSeconds(30), () => beta.Output);
        await UnixSocketHttp.WaitForAsync(Socket("uds-gamma", "http"), "v1.0/healthz/outbound", TimeSpan.FromSeconds(30), () => gamma.Output);

        using var http = UnixSocketHttp.Client(Socket("uds-gamma", "http"));
        var answer = await http.GetStringAsync("v1.0/invoke/uds-beta/method/hello");

        Assert.Equal("hello from beta's app", answer);
        var peerPort = PeerPort(beta.Output);
        using var tcp = new HttpClient();
        using var onPeerPort = await tcp.GetAsync($"http://127.0.0.1:{peerPort}/v1.0/healthz");
        Assert.Equal(HttpStatusCode.NotFound, onPeerPort.StatusCode);
    }

    /// <summary>The port the sidecar logs for other sidecars ("peers on :N").</summary>
    private static int PeerPort(string output)
    {
        var match = System.Text.RegularExpressions.Regex.Match(output, @"peers on :(\d+)");
        Assert.True(match.Success, output);
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
