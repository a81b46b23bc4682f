using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Errors;

namespace Dapr.AiProvider.Router.Routing;

/// <summary>One model the request may be sent to, with its estimated cost.</summary>
internal sealed record Candidate(CatalogModel Model, long EstimatedCostMicros)
{
    /// <summary>Prompt tokens plus the output tokens the provider may produce (what its token windows are charged).</summary>
    public int EstimatedTokens { get; init; }

    public string Provider => Model.Provider;
    public string ModelName => Model.Model;
    public string Id => Model.Id;
}

/// <summary>A model that was filtered out, and why (for the 503 message and the route reason).</summary>
internal sealed record Exclusion(string ModelId, string Reason, DateTimeOffset? RetryAt);

/// <summary>The ordered candidates for one request, or the error that there are none.</summary>
internal sealed record RoutePlan
{
    public IReadOnlyList<Candidate> Candidates { get; init; } = [];
    public IReadOnlyList<Exclusion> Excluded { get; init; } = [];
    /// <summary>Why this order: e.g. <c>route=auto strategy=cost</c>.</summary>
    public string Reason { get; init; } = "";
    public GatewayError? Error { get; init; }
}
