using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.LocalDapr.Tests.Hosting;

/// <summary>
/// The sidecar's socket transport as it registers it: the kernel's longest listen queue (ListenQueueTests reads it back),
/// and Kestrel's zero-byte read before each receive kept, so an idle connection (an open stream waiting for its next
/// event) holds no receive buffer (docs/benchmarks-peer.md, "Session 13: the local sidecar's CPU per invocation").
/// </summary>
public sealed class SocketTransportTests
{
    [Fact]
    public void AddSidecarHost_SocketTransport_WaitsForDataWithTheLongestQueue()
    {
        var options = new SidecarOptions { AppId = "transport-tests" };
        var (resources, secrets) = ResourceLoader.Load(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.AddSidecarHost(options, resources, secrets);
        using var services = builder.Services.BuildServiceProvider();

        var transport = services.GetRequiredService<IOptions<SocketTransportOptions>>().Value;

        Assert.True(transport.WaitForDataBeforeAllocatingBuffer);
        Assert.Equal(int.MaxValue, transport.Backlog);
    }
}
