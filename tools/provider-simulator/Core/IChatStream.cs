namespace Dapr.AiProvider.ProviderSimulator.Core;

/// <summary>The frames of one streamed answer in a provider's format; <see cref="StreamRunner"/> decides which are sent.</summary>
internal interface IChatStream
{
    string ContentType { get; }

    /// <summary>Lifecycle frames before any content (OpenAI role chunk, Anthropic message_start…).</summary>
    Task PreludeAsync(CancellationToken ct);

    /// <summary>One piece of content: a word of text or a fragment of tool-call arguments.</summary>
    Task PieceAsync(int index, string piece, CancellationToken ct);

    /// <summary>Finish reason, usage and the terminator.</summary>
    Task FinishAsync(CancellationToken ct);

    /// <summary>An error sent inside the 200 stream, in the provider's in-band error format.</summary>
    Task InBandErrorAsync(Faults.FaultContext context, CancellationToken ct);
}
