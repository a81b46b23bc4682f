
namespace Dapr.AiProvider.TestInfrastructure;

/// <summary>Free ports for one stack, so a test or benchmark run never collides with <c>./run.sh</c>.</summary>
public sealed record StackPorts
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
    public int AgentHttp { get; } = FreePort.Next();
    public int AgentGrpc { get; } = FreePort.Next();
}
