using Dapr.AiProvider.Router.Catalog;
using Dapr.AiProvider.Router.Configuration;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Api;

/// <summary><c>GET /v1/models</c>: concrete provider/model ids, aliases served by several providers, and routes.</summary>
internal static class ModelsApi
{
    public static RouteGroupBuilder MapModels(this RouteGroupBuilder group)
    {
        group.MapGet("/v1/models", ListAsync)
            .WithName("ListModels")
            .WithSummary("Models, aliases and routes the gateway can serve")
            .Produces<ModelList>();
        return group;
    }

    private static async Task<IResult> ListAsync(HttpContext context, CatalogStore catalog, IOptions<RouterOptions> options)
    {
        var snapshot = await catalog.EnsureLoadedAsync(context.RequestAborted);
        var created = snapshot.LoadedAt == DateTimeOffset.MinValue ? 0 : snapshot.LoadedAt.ToUnixTimeSeconds();
        var data = new List<ModelEntry>(snapshot.Models.Count + snapshot.ByAlias.Count + options.Value.Routes.Count);
        foreach (var model in snapshot.Models.OrderBy(m => m.Id, StringComparer.Ordinal))
        {
            data.Add(new ModelEntry
            {
                Id = model.Id, Created = created, OwnedBy = model.Provider, Kind = "model", FreeTier = model.FreeTier,
                ContextWindow = model.ContextWindow, Capabilities = model.Capabilities,
            });
        }
        foreach (var (alias, models) in snapshot.ByAlias.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            data.Add(new ModelEntry { Id = alias, Created = created, OwnedBy = "aiprovider", Kind = "alias", Targets = [.. models.Select(m => m.Id)] });
        }
        foreach (var (name, route) in options.Value.Routes.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var targets = snapshot.Models
                .Where(m => (!route.FreeOnly || m.FreeTier) && m.Quality >= route.MinQuality
                            && route.RequiredCapabilities.TrueForAll(c => m.Capabilities.Contains(c, StringComparer.OrdinalIgnoreCase)))
                .Select(m => m.Id).ToArray();
            data.Add(new ModelEntry { Id = name, Created = created, OwnedBy = "aiprovider", Kind = "route", Targets = targets });
        }
        return TypedResults.Json(new ModelList { Data = data }, RouterJsonContext.Default.ModelList);
    }
}
