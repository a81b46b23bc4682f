using Dapr.AiProvider.Router.Auth;
using Dapr.AiProvider.Router.Configuration;

namespace Dapr.AiProvider.Router.Embeddings;

/// <summary>One validated <c>/v1/embeddings</c> request entering <see cref="EmbeddingPipeline"/>.</summary>
internal sealed record EmbeddingCall
{
    public const string TaskType = "embeddings";

    public string RequestId { get; init; } = "";
    public ApiKeyIdentity Identity { get; init; } = new("anonymous", "none");
    /// <summary>The model field as asked: a provider/model id, an alias, a bare model name or a route.</summary>
    public string Model { get; init; } = "";
    public IReadOnlyList<string> Inputs { get; init; } = [];
    public int? Dimensions { get; init; }
    public string? User { get; init; }
    public RoutingStrategy? Strategy { get; init; }
    public string? CacheControl { get; init; }
    public string? CacheHeader { get; init; }
    /// <summary><see cref="TimeProvider.GetTimestamp"/> when the request arrived.</summary>
    public long StartedTimestamp { get; init; }
}
