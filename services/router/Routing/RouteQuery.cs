using Dapr.AiProvider.Router.Configuration;

namespace Dapr.AiProvider.Router.Routing;

/// <summary>What the routing engine needs to know about one request.</summary>
internal sealed record RouteQuery
{
    /// <summary>The caller's model field: a concrete id, an alias, a route name, or null.</summary>
    public string? Model { get; init; }
    public string TaskType { get; init; } = "chat";
    /// <summary>Capabilities the request itself needs (tools, json, vision, stream).</summary>
    public IReadOnlyList<string> RequiredCapabilities { get; init; } = [];
    public int PromptTokens { get; init; }
    /// <summary>The caller's output cap, if any.</summary>
    public int? MaxOutputTokens { get; init; }
    /// <summary>An explicit strategy (e.g. /ai/process preference) overriding the route's.</summary>
    public RoutingStrategy? Strategy { get; init; }
    /// <summary>Providers the caller's key may use; null = all.</summary>
    public IReadOnlySet<string>? AllowedProviders { get; init; }
    /// <summary>An embedding request: only embedding models serve it, and they serve nothing else (<see cref="EmbeddingModels"/>).</summary>
    public bool Embeddings { get; init; }
    /// <summary>The caller's model-level allow-list; null = every model of the allowed providers.</summary>
    public Auth.AllowList? AllowedModels { get; init; }
}
