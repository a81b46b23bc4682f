using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.Benchmark.Stack;

/// <summary>Free ports for one stack, so a benchmark never collides with <c>./run.sh</c> or a test run.</summary>
internal sealed record BenchPorts
{
    public int Simulator { get; } = FreePort.Next();
    public int Router { get; } = FreePort.Next();
    public int RouterHttp { get; } = FreePort.Next();
    public int RouterGrpc { get; } = FreePort.Next();
    public int Quota { get; } = FreePort.Next();
    public int QuotaHttp { get; } = FreePort.Next();
    public int QuotaGrpc { get; } = FreePort.Next();
    public int Adapters { get; } = FreePort.Next();
    public int AdaptersHttp { get; } = FreePort.Next();
    public int AdaptersGrpc { get; } = FreePort.Next();
}
