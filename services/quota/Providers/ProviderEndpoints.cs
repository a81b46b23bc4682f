using System.Text.Json;
using System.Text.Json.Nodes;
using Dapr.AiProvider.Contracts.Providers;
using Dapr.AiProvider.Quota.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dapr.AiProvider.Quota.Providers;

/// <summary>
/// The provider registry (reached only through the sidecar: the router's <c>/admin/providers/registry</c> and the
/// adapters call it): list, get, put, patch (JSON Merge Patch), enable, disable, delete, and the adapters' seed from
/// <c>providers.json</c>. A write that fails validation is refused with a 400 naming each field; the stored
/// configuration stays as it was.
/// </summary>
internal static class ProviderEndpoints
{
    private const int PatchAttempts = 5;

    public static IEndpointRouteBuilder MapProviderRegistryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/" + ProviderRegistryRoutes.Providers);
        group.MapGet("", (ProviderStore store, ILoggerFactory loggers, CancellationToken ct) =>
            Ledger(loggers, async () => TypedResults.Json(await store.ListAsync(ct), ProviderJsonContext.Default.ProviderRegistryView)));
        group.MapGet("/{id}", (string id, ProviderStore store, ILoggerFactory loggers, CancellationToken ct) =>
            Ledger(loggers, async () => Found(await store.GetAsync(id, ct))));
        group.MapPut("/{id}", PutAsync);
        group.MapPatch("/{id}", PatchAsync);
        group.MapPost("/{id}/enable", (string id, ProviderStore store, ILoggerFactory loggers, CancellationToken ct) =>
            Ledger(loggers, async () => Found(await store.SetEnabledAsync(id, true, ct))));
        group.MapPost("/{id}/disable", (string id, ProviderStore store, ILoggerFactory loggers, CancellationToken ct) =>
            Ledger(loggers, async () => Found(await store.SetEnabledAsync(id, false, ct))));
        group.MapDelete("/{id}", (string id, ProviderStore store, ILoggerFactory loggers, CancellationToken ct) =>
            Ledger(loggers, async () => await store.DeleteAsync(id, ct) ? TypedResults.NoContent() : NotFound(id)));
        app.MapPost("/" + ProviderRegistryRoutes.Seed, SeedAsync);
        return app;
    }

    internal static async Task<IResult> PutAsync(string id, HttpRequest request, ProviderStore store, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var (config, unreadable) = await ReadJsonAsync(request, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable;
        }
        var errors = ProviderConfigValidator.Validate(id, config);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        return await Ledger(loggers, async () =>
        {
            var (entry, created) = await store.PutAsync(id, config, cancellationToken);
            return created
                ? TypedResults.Created($"/{ProviderRegistryRoutes.Providers}/{id}", entry)
                : TypedResults.Json(entry, ProviderJsonContext.Default.ProviderEntry);
        });
    }

    /// <summary>Merges the body into the stored settings (RFC 7396) and stores the result if it is valid; a write
    /// in between is merged into again, never lost.</summary>
    internal static async Task<IResult> PatchAsync(string id, HttpRequest request, ProviderStore store, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var (patch, unreadable) = await ReadJsonAsync(request, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable;
        }
        if (patch.ValueKind != JsonValueKind.Object)
        {
            return Invalid(new() { ["body"] = ["A merge patch is a JSON object of the fields to change (null removes one)."] });
        }
        return await Ledger(loggers, async () =>
        {
            for (var attempt = 0; attempt < PatchAttempts; attempt++)
            {
                if (await store.GetAsync(id, cancellationToken) is not { } current)
                {
                    return NotFound(id);
                }
                var merged = JsonMergePatch.Apply(JsonNode.Parse(current.Config.GetRawText()), JsonNode.Parse(patch.GetRawText()));
                var config = JsonSerializer.SerializeToElement(merged, ProviderJsonContext.Default.JsonNode);
                var errors = ProviderConfigValidator.Validate(id, config);
                if (errors.Count > 0)
                {
                    return Invalid(errors);
                }
                if (await store.ReplaceIfUnchangedAsync(id, current.Revision, config, cancellationToken) is { } updated)
                {
                    return TypedResults.Json(updated, ProviderJsonContext.Default.ProviderEntry);
                }
            }
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: $"Provider '{id}' kept changing while the patch was applied; try again.");
        });
    }

    internal static async Task<IResult> SeedAsync(HttpRequest request, ProviderStore store, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        ProviderSeedRequest? seed;
        try
        {
            seed = await JsonSerializer.DeserializeAsync(request.Body, ProviderJsonContext.Default.ProviderSeedRequest, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Invalid(new() { ["body"] = [$"Not valid JSON: {ex.Message}"] });
        }
        if (seed?.Providers is not { Count: > 0 } offered)
        {
            return Invalid(new() { ["providers"] = ["At least one provider is required."] });
        }
        var valid = new List<(string, JsonElement, bool)>();
        var refused = new Dictionary<string, Dictionary<string, string[]>>(StringComparer.Ordinal);
        foreach (var provider in offered)
        {
            var id = provider.ValueKind == JsonValueKind.Object && provider.TryGetProperty("id", out var idElement)
                && idElement.ValueKind == JsonValueKind.String ? idElement.GetString()! : "";
            // Enabled is the row's column, not a setting: providers.json's Enabled=false (Copilot) seeds a disabled row.
            var enabled = !(provider.ValueKind == JsonValueKind.Object && provider.TryGetProperty("enabled", out var on) && on.ValueKind == JsonValueKind.False);
            var config = WithoutEnabled(provider);
            var errors = ProviderConfigValidator.Validate(id, config);
            if (errors.Count > 0)
            {
                refused[id] = errors;
            }
            else
            {
                valid.Add((id, config, enabled));
            }
        }
        return await Ledger(loggers, async () =>
        {
            var (added, updated) = await store.SeedAsync(valid, cancellationToken);
            return TypedResults.Json(new ProviderSeedResult(added, updated, refused), ProviderJsonContext.Default.ProviderSeedResult);
        });
    }

    private static JsonElement WithoutEnabled(JsonElement provider)
    {
        if (provider.ValueKind != JsonValueKind.Object || !provider.TryGetProperty("enabled", out _))
        {
            return provider;
        }
        var node = JsonNode.Parse(provider.GetRawText())!.AsObject();
        node.Remove("enabled");
        return JsonSerializer.SerializeToElement(node, ProviderJsonContext.Default.JsonObject);
    }

    private static async Task<(JsonElement Body, IResult? Error)> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException ex)
        {
            return (default, Invalid(new() { ["body"] = [$"Not valid JSON: {ex.Message}"] }));
        }
    }

    private static async Task<IResult> Ledger(ILoggerFactory loggers, Func<Task<IResult>> query)
    {
        var result = await LedgerCall.RunAsync(loggers, query);
        return result.Result is Ok<IResult> ok ? ok.Value! : result.Result;
    }

    private static IResult Found(ProviderEntry? entry) =>
        entry is null ? TypedResults.Problem(statusCode: 404, title: "Not found", detail: "No such provider in the registry.")
            : TypedResults.Json(entry, ProviderJsonContext.Default.ProviderEntry);

    private static IResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"Provider '{id}' is not in the registry.");

    private static IResult Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The provider's settings are not valid; the registry keeps its last good configuration.",
        });
}
