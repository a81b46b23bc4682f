using Dapr.AiProvider.Router.Usage;
using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Auth;
using Dapr.AiProvider.Router.Configuration;

namespace Dapr.AiProvider.Router.Pipeline;

/// <summary>One validated request entering the pipeline, whichever API it came from.</summary>
internal sealed record ChatCall
{
    public string RequestId { get; init; } = "";
    public ApiKeyIdentity Identity { get; init; } = new("anonymous", "none");
    /// <summary>A configured task type's name or <c>other</c> (never the caller's free text: it becomes a metric label and a ledger value).</summary>
    public string TaskType { get; init; } = "chat";
    /// <summary>The caller's task type as sent, cut to a bounded length: only for the error message naming it.</summary>
    public string RequestedTaskType { get; init; } = "chat";
    public ChatCompletionRequest Request { get; init; } = new();
    public RoutingStrategy? Strategy { get; init; }
    public bool Stream { get; init; }
    public string? CacheControl { get; init; }
    public string? CacheHeader { get; init; }
    /// <summary><see cref="TimeProvider.GetTimestamp"/> when the request arrived.</summary>
    public long StartedTimestamp { get; init; }
}
