using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Catalog;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Configuration;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Routing;

/// <summary>The models a request's model field names: a route (auto, auto:code, free, …), a concrete
/// <c>provider/model</c> id, an alias served by several providers, or a bare model name; else 404.</summary>
internal sealed class ModelResolver(IOptions<RouterOptions> options)
{
    private readonly RouterOptions _options = options.Value;

    public ModelResolution Resolve(RouteQuery query, CatalogSnapshot catalog)
    {
        var name = query.Model?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            name = _options.TaskTypes.TryGetValue(query.TaskType, out var task) ? task.Route : _options.DefaultRoute;
        }
        if (_options.Routes.TryGetValue(name, out var route))
        {
            var capabilities = new List<string>(route.RequiredCapabilities);
            if (_options.TaskTypes.TryGetValue(query.TaskType, out var taskOptions))
            {
                capabilities.AddRange(taskOptions.RequiredCapabilities);
            }
            var pool = catalog.Models.Where(m => (!route.FreeOnly || m.FreeTier) && m.Quality >= route.MinQuality
                && EmbeddingModels.Is(m) == query.Embeddings).ToList();
            return new ModelResolution(pool, capabilities, route.Strategy, $"route={name}", null);
        }
        if (catalog.ById.TryGetValue(name, out var exact))
        {
            return new ModelResolution([exact], [], RoutingStrategy.Cost, $"model={exact.Id}", null);
        }
        if (catalog.ByAlias.TryGetValue(name, out var aliased))
        {
            return new ModelResolution([.. aliased], [], RoutingStrategy.Cost, $"alias={name}", null);
        }
        if (catalog.ByModelName.TryGetValue(name, out var named))
        {
            return new ModelResolution([.. named], [], RoutingStrategy.Cost, $"model={name}", null);
        }
        return new ModelResolution([], [], RoutingStrategy.Cost, "", GatewayError.NotFound("model_not_found",
            $"The model '{name}' does not exist: use a provider/model id, an alias or a route from GET /v1/models.") with { Param = "model" });
    }
}

/// <summary>The pool a model field resolved to, the capabilities its route adds, and the route's strategy.</summary>
internal sealed record ModelResolution(
    IReadOnlyList<CatalogModel> Pool, IReadOnlyList<string> Capabilities, RoutingStrategy Strategy, string Reason, GatewayError? Error);
