using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Catalog;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Configuration;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Routing;

/// <summary>
/// Catalog → models named by the model field → able to do the task (capabilities, context window)
/// → allowed for the key → healthy (not benched, circuit not open) → ordered by strategy.
/// Pure apart from the health view; runs in microseconds.
/// </summary>
internal sealed class RoutingEngine(
    IOptions<RouterOptions> options,
    ICandidateHealth health,
    CandidateOrdering ordering,
    ModelResolver resolver)
{
    private readonly RouterOptions _options = options.Value;

    public RoutePlan Plan(RouteQuery query, CatalogSnapshot catalog, DateTimeOffset now)
    {
        if (catalog.IsEmpty)
        {
            return Fail(new GatewayError(503, "no_models", "No models are available yet: the provider catalog has not been loaded.")
            { RetryAt = now.AddSeconds(5) });
        }
        var resolution = resolver.Resolve(query, catalog);
        if (resolution.Error is not null)
        {
            return Fail(resolution.Error);
        }
        var excluded = new List<Exclusion>();
        var capable = FilterCapable(query, resolution, excluded);
        if (capable.Count == 0)
        {
            return Fail(GatewayError.Unprocessable(
                $"No model can serve this request ({resolution.Reason}): {Describe(excluded)}", "model") with { Code = "no_capable_model" }, excluded);
        }
        var allowed = capable.FindAll(m => (query.AllowedProviders is null || query.AllowedProviders.Contains(m.Provider))
            && (query.AllowedModels is null || query.AllowedModels.Permits(m.Provider, m.Id)));
        if (allowed.Count == 0)
        {
            return Fail(new GatewayError(403, "model_not_allowed",
                "This API key may not use any provider or model able to serve the request."), excluded);
        }
        var healthy = new List<Candidate>(allowed.Count);
        foreach (var model in allowed)
        {
            var verdict = health.Check(model, now);
            if (verdict.Available)
            {
                healthy.Add(new Candidate(model, EstimateCost(model, query)) { EstimatedTokens = query.PromptTokens + OutputEstimate(model, query) });
            }
            else
            {
                excluded.Add(new Exclusion(model.Id, verdict.Reason ?? "unavailable", verdict.RetryAt));
            }
        }
        if (healthy.Count == 0)
        {
            var retryAt = excluded.Where(e => e.RetryAt is not null).Select(e => e.RetryAt).Min() ?? now.AddSeconds(_options.Circuit.OpenSeconds);
            return Fail(new GatewayError(503, "no_healthy_candidate",
                $"Every candidate is unavailable right now: {Describe(excluded)}") { RetryAt = retryAt }, excluded);
        }
        var strategy = query.Strategy ?? resolution.Strategy;
        ordering.Order(healthy, strategy);
        return new RoutePlan
        {
            Candidates = healthy,
            Excluded = excluded,
            Reason = $"{resolution.Reason} strategy={strategy.ToString().ToLowerInvariant()}",
        };
    }

    public long EstimateCost(CatalogModel model, RouteQuery query)
    {
        var output = OutputEstimate(model, query);
        var micros = ((double)query.PromptTokens * model.Price.InputPerMTokMicros
                      + (double)output * model.Price.OutputPerMTokMicros) / 1_000_000d;
        return (long)Math.Ceiling(micros);
    }

    /// <summary>
    /// The output tokens the provider may bill: the <c>max_tokens</c> actually sent upstream. The Anthropic writer sends
    /// the model's maximum when the caller sends none (<c>AnthropicRequestWriter</c>), so that is what is reserved;
    /// other families get no cap from us, and <see cref="RouterOptions.DefaultMaxTokensEstimate"/> stands in.
    /// </summary>
    public int OutputEstimate(CatalogModel model, RouteQuery query)
    {
        if (query.MaxOutputTokens is { } cap)
        {
            return model.MaxOutputTokens > 0 ? Math.Min(cap, model.MaxOutputTokens) : cap;
        }
        if (model.MaxOutputTokens > 0 && string.Equals(model.Family, "anthropic", StringComparison.OrdinalIgnoreCase))
        {
            return model.MaxOutputTokens;
        }
        return model.MaxOutputTokens > 0 ? Math.Min(model.MaxOutputTokens, _options.DefaultMaxTokensEstimate) : _options.DefaultMaxTokensEstimate;
    }

    private static List<CatalogModel> FilterCapable(RouteQuery query, ModelResolution resolution, List<Exclusion> excluded)
    {
        var kept = new List<CatalogModel>(resolution.Pool.Count);
        foreach (var model in resolution.Pool)
        {
            var reason = EmbeddingModels.Gap(model, query.Embeddings)
                ?? CapabilityGap(model, query.RequiredCapabilities) ?? CapabilityGap(model, resolution.Capabilities) ?? ContextGap(model, query);
            if (reason is null)
            {
                kept.Add(model);
            }
            else
            {
                excluded.Add(new Exclusion(model.Id, reason, null));
            }
        }
        return kept;
    }

    private static string? CapabilityGap(CatalogModel model, IReadOnlyList<string> required)
    {
        foreach (var capability in required)
        {
            var has = model.Capabilities.Count == 0
                ? capability is "chat" or "stream"
                : model.Capabilities.Contains(capability, StringComparer.OrdinalIgnoreCase);
            if (!has)
            {
                return $"lacks capability '{capability}'";
            }
        }
        return null;
    }

    private static string? ContextGap(CatalogModel model, RouteQuery query)
    {
        var output = query.MaxOutputTokens ?? 0;
        if (model.MaxOutputTokens > 0 && output > model.MaxOutputTokens)
        {
            return $"max tokens {output} exceeds its output limit {model.MaxOutputTokens}";
        }
        if (model.ContextWindow > 0 && query.PromptTokens + output > model.ContextWindow)
        {
            return $"context window {model.ContextWindow} < {query.PromptTokens} prompt + {output} output tokens";
        }
        return null;
    }

    private static string Describe(IReadOnlyList<Exclusion> excluded) =>
        excluded.Count == 0 ? "no models match" : string.Join("; ", excluded.Take(10).Select(e => $"{e.ModelId}: {e.Reason}"));

    private static RoutePlan Fail(GatewayError error, IReadOnlyList<Exclusion>? excluded = null) =>
        new() { Error = error, Excluded = excluded ?? [] };
}
