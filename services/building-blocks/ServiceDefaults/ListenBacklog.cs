using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;

namespace Dapr.AiProvider.ServiceDefaults;

/// <summary>
/// The listen queue of every Kestrel endpoint: as long as the kernel allows. Linux caps what a listener asks for at
/// <c>net.core.somaxconn</c> (4096 by default since 5.4), which is what daprd's listeners get: Go's <c>net.Listen</c>
/// asks for somaxconn (dapr/dapr <c>pkg/api/http/server.go</c> → <c>pkg/api/listen/listen.go</c>; Go
/// <c>src/net/sock_linux.go</c>, <c>maxListenerBacklog</c>). Kestrel's own default is 512: a burst of more new
/// connections than that (1,000 streams opened at once, each hop opening its own) overflowed the queue, the kernel
/// dropped those SYNs, and each dropped client waited its 1 s retransmit timeout before trying again
/// (docs/benchmarks-peer.md, "Streaming: time to first token hop by hop, and the listen queue").
/// </summary>
public static class ListenBacklog
{
    /// <summary>What is asked of the kernel, which clamps it to its own maximum (somaxconn; on Windows this value is SOMAXCONN itself).</summary>
    public const int AsLongAsTheKernelAllows = int.MaxValue;

    public static IServiceCollection AddLongListenBacklog(this IServiceCollection services) =>
        services.Configure<SocketTransportOptions>(o => o.Backlog = AsLongAsTheKernelAllows);
}
