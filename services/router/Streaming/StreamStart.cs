using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Pipeline;
using Dapr.AiProvider.Router.Routing;

namespace Dapr.AiProvider.Router.Streaming;

/// <summary>How a streaming request begins: an error (nothing sent yet), a cached answer to replay, or a live stream.</summary>
public sealed record StreamStart(Decision Decision)
{
    public GatewayError? Error { get; init; }
    public CachedCompletion? Cached { get; init; }
    public CommittedStream? Live { get; init; }
    public Candidate? Winner { get; init; }
    public PreparedCall? Prepared { get; init; }
    public Reservation? Reservation { get; init; }
    /// <summary>Set when this request leads a coalesced stream: the relay finishes it with the answer.</summary>
    public TaskCompletionSource<CachedCompletion?>? Flight { get; init; }
}
