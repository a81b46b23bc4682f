using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Errors;

namespace Dapr.AiProvider.Router.Streaming;

/// <summary>
/// One streamed answer in the client's dialect. The relay hands every dialect the same OpenAI chunks (what
/// provider-adapters sends); the writer turns them into its own events: OpenAI chunks (<see cref="SseWriter"/>),
/// Anthropic Messages events or OpenAI Responses events.
/// </summary>
internal interface IStreamWriter
{
    Task StartAsync(CancellationToken cancellationToken);

    Task WriteChunkAsync(ChatCompletionChunk chunk, CancellationToken cancellationToken);

    /// <summary>The clean end. <paramref name="usage"/> is the whole answer's, null when unknown (a cached answer without it).</summary>
    Task WriteEndAsync(OpenAiUsage? usage, CancellationToken cancellationToken);

    /// <summary>A failure after the answer started: an in-band error event and no clean end.</summary>
    Task WriteErrorAsync(GatewayError error, CancellationToken cancellationToken);
}
