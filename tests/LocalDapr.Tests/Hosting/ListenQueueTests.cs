using System.Diagnostics;
using System.Globalization;
using Dapr.AiProvider.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Dapr.AiProvider.LocalDapr.Tests.Hosting;

/// <summary>
/// The listen queue of the sidecar and of every service is as long as the kernel allows (net.core.somaxconn), as
/// daprd's: its HTTP API listens through Go's net.Listen (dapr/dapr pkg/api/http/server.go → pkg/api/listen/listen.go),
/// which asks for somaxconn (Go src/net/sock_linux.go, maxListenerBacklog). With Kestrel's default of 512, 1,000 streams
/// opened at once overflowed the queues on the path and the dropped connections waited 1 s for their SYN to be resent
/// (docs/benchmarks-peer.md, "Streaming: time to first token hop by hop, and the listen queue").
/// The kernel's own figure is read back: <c>ss</c> shows a listener's maximum queue as its Send-Q.
/// </summary>
[Trait("Category", "Process")]
public sealed class ListenQueueTests(SecuredSidecarFixture fixture) : IClassFixture<SecuredSidecarFixture>
{
    [Fact]
    public async Task Sidecar_ListensWithTheKernelsLongestQueue()
    {
        var queues = await ListenQueuesAsync(fixture.Sidecar.HttpPort);

        Assert.NotEmpty(queues);
        Assert.All(queues, queue => Assert.Equal(Somaxconn(), queue));
    }

    [Fact]
    public async Task Service_WithServiceDefaults_ListensWithTheKernelsLongestQueue()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults("listen-queue-tests");
        await using var app = builder.Build();
        await app.StartAsync();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

        Assert.Equal([Somaxconn()], await ListenQueuesAsync(port));
    }

    private static int Somaxconn() =>
        int.Parse(File.ReadAllText("/proc/sys/net/core/somaxconn").Trim(), CultureInfo.InvariantCulture);

    /// <summary>
    /// The maximum queue of each TCP listener on <paramref name="port"/>, as the kernel reports it (the sidecar listens on
    /// "localhost": 127.0.0.1 and ::1).
    /// </summary>
    private static async Task<int[]> ListenQueuesAsync(int port)
    {
        using var ss = Process.Start(new ProcessStartInfo("ss", ["-ltnH", $"sport = :{port}"]) { RedirectStandardOutput = true })!;
        var output = await ss.StandardOutput.ReadToEndAsync();
        await ss.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        // "LISTEN 0 4096 127.0.0.1:port 0.0.0.0:*": state, queued now, maximum queue, local, peer.
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => int.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2], CultureInfo.InvariantCulture))];
    }
}
