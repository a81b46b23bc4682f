namespace Dapr.AiProvider.ProviderSimulator.Core;

/// <summary>
/// What one streamed answer put on the wire, for <c>GET /_sim/requests</c>: the output tokens of the pieces written
/// (counted as the answer counts them) and whether it reached its end (finish, usage and terminator written).
/// </summary>
internal sealed class ProducedOutput
{
    public int OutputTokens { get; set; }
    public bool Complete { get; set; }
}
