using Dapr.AiProvider.Router.Catalog;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Errors;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Api;

/// <summary>
/// <c>GET /v1/models</c>: concrete provider/model ids, aliases served by several providers, and routes; and
/// <c>GET /v1/models/{id}</c> for each of them.
/// </summary>
internal static class ModelsApi
{
    public static RouteGroupBuilder MapModels(this RouteGroupBuilder group)
    {
        group.MapGet("/v1/models", ListAsync)
            .WithName("ListModels")
            .WithSummary("Models, aliases and routes the gateway can serve")
            .Produces<ModelList>();
        // A catch-all: ids are provider/model. SDKs percent-encode the slash (openai%2Fgpt-4o), which the server
        // leaves encoded in the path, so the id is unescaped here; a raw slash reaches the catch-all as it is.
        group.MapGet("/v1/models/{**id}", GetAsync)
            .WithName("RetrieveModel")
            .WithSummary("One model, alias or route from GET /v1/models")
            .Produces<ModelEntry>()
            .Produces<OpenAiErrorEnvelope>(404);
        return group;
    }

    private static async Task<IResult> ListAsync(HttpContext context, CatalogStore catalog, IOptions<RouterOptions> options)
    {
        var snapshot = await catalog.EnsureLoadedAsync(context.RequestAborted);
        return TypedResults.Json(new ModelList { Data = Entries(snapshot, options.Value) }, RouterJsonContext.Default.ModelList);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, CatalogStore catalog, IOptions<RouterOptions> options, TimeProvider time)
    {
        var wanted = Uri.UnescapeDataString(id);
        var snapshot = await catalog.EnsureLoadedAsync(context.RequestAborted);
        foreach (var entry in Entries(snapshot, options.Value))
        {
            if (string.Equals(entry.Id, wanted, StringComparison.Ordinal))
            {
                return TypedResults.Json(entry, RouterJsonContext.Default.ModelEntry);
            }
        }
        // OpenAI's own answer for an unknown model: 404, invalid_request_error, code model_not_found.
        var missing = GatewayError.NotFound("model_not_found", $"The model '{wanted}' does not exist: GET /v1/models lists every id.")
            with { Type = "invalid_request_error", Param = "model" };
        return ErrorWriter.ToResult(context, missing, time);
    }

    private static List<ModelEntry> Entries(CatalogSnapshot snapshot, RouterOptions options)
    {
        var created = snapshot.LoadedAt == DateTimeOffset.MinValue ? 0 : snapshot.LoadedAt.ToUnixTimeSeconds();
        var data = new List<ModelEntry>(snapshot.Models.Count + snapshot.ByAlias.Count + options.Routes.Count);
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
        foreach (var (name, route) in options.Routes.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var targets = snapshot.Models
                .Where(m => (!route.FreeOnly || m.FreeTier) && m.Quality >= route.MinQuality
                            && route.RequiredCapabilities.TrueForAll(c => m.Capabilities.Contains(c, StringComparer.OrdinalIgnoreCase)))
                .Select(m => m.Id).ToArray();
            data.Add(new ModelEntry { Id = name, Created = created, OwnedBy = "aiprovider", Kind = "route", Targets = targets });
        }
        return data;
    }
}
