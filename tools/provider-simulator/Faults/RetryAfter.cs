using Dapr.AiProvider.ProviderSimulator.Core;

namespace Dapr.AiProvider.ProviderSimulator.Faults;

/// <summary>The retry hint variants: <c>retry-after</c> seconds, an HTTP date, or <c>retry-after-ms</c>.</summary>
internal static class RetryAfter
{
    public static ErrorReply Add(ErrorReply reply, FaultKind fault, FaultContext context) => fault switch
    {
        FaultKind.RetryAfterHttpDate => reply.WithHeader("retry-after", WireFormat.HttpDate(context.RetryAt)),
        FaultKind.RetryAfterMs => reply.WithHeader("retry-after-ms", WireFormat.Milliseconds(context.RetryAfterSeconds)),
        _ => reply.WithHeader("retry-after", WireFormat.Seconds(context.RetryAfterSeconds)),
    };
}
