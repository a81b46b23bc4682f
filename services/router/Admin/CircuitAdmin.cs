using Dapr.AiProvider.Router.State;
using Dapr.AiProvider.Router.Switches;
using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Auth;
using Dapr.AiProvider.Router.Catalog;
using Dapr.AiProvider.Router.Circuits;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Health;

namespace Dapr.AiProvider.Router.Admin;

/// <summary>Circuit state (view, reset to closed in the shared store) and the provider catalog.</summary>
internal static class CircuitAdmin
{
    public static async Task<IResult> List(HttpContext context, CircuitBreakerRegistry circuits, CatalogStore catalog, TimeProvider time, AdminAudit audit)
    {
        var now = time.GetUtcNow();
        var keys = circuits.KnownKeys.Concat(catalog.Current.Providers.Select(StateKeys.ProviderCircuit)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var views = keys.Select(k => View(k, circuits.View(k), now)).ToArray();
        await audit.RecordAsync(ApiKeyFilter.IdentityOf(context), "circuits.list", "*", 200, CancellationToken.None);
        return TypedResults.Json(views, AdminJsonContext.Default.CircuitViewArray);
    }

    /// <summary><c>POST /admin/circuits/reset?key=circuit:{provider}[:{model}]</c>: closes the breaker for every replica.</summary>
    public static async Task<IResult> ResetAsync(string? key, HttpContext context, ICircuitStore store, CircuitBreakerRegistry circuits,
        TimeProvider time, AdminAudit audit)
    {
        var identity = ApiKeyFilter.IdentityOf(context);
        if (key is null || !key.StartsWith(StateKeys.CircuitPrefix, StringComparison.Ordinal) || key.Length > 300)
        {
            return ErrorWriter.ToResult(context, GatewayError.Unprocessable("Query parameter 'key' must be a circuit key (circuit:{provider}[:{model}]).", "key"), time);
        }
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var stored = await store.GetAsync(key, context.RequestAborted);
            if (await store.TrySaveAsync(key, CircuitState.Closed, stored.ETag, context.RequestAborted))
            {
                await circuits.RefreshAsync([key], context.RequestAborted);
                await audit.RecordAsync(identity, "circuits.reset", key, 200, CancellationToken.None);
                return TypedResults.Json(new[] { View(key, circuits.View(key), time.GetUtcNow()) }, AdminJsonContext.Default.CircuitViewArray);
            }
        }
        await audit.RecordAsync(identity, "circuits.reset", key, 409, CancellationToken.None);
        return ErrorWriter.ToResult(context, new GatewayError(409, "conflict", "The circuit kept changing; try again."), time);
    }

    public static async Task<IResult> Providers(HttpContext context, CatalogStore catalog, CircuitBreakerRegistry circuits, ProviderSwitches switches,
        ProviderHealthTracker health, TimeProvider time, AdminAudit audit)
    {
        var snapshot = await catalog.EnsureLoadedAsync(context.RequestAborted);
        var now = time.GetUtcNow();
        var shared = health.Shared;
        var views = snapshot.Models.GroupBy(m => m.Provider, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ProviderView(g.Key, [.. g.Select(m => m.Id)], g.Any(m => m.FreeTier),
                View(StateKeys.ProviderCircuit(g.Key), circuits.View(StateKeys.ProviderCircuit(g.Key)), now).State, !switches.Disabled.Contains(g.Key))
            {
                Health = shared.GetValueOrDefault(g.Key),
                NextRetryAt = circuits.View(StateKeys.ProviderCircuit(g.Key)).NextRetryAt,
            })
            .ToArray();
        await audit.RecordAsync(ApiKeyFilter.IdentityOf(context), "providers.list", "*", 200, CancellationToken.None);
        return TypedResults.Json(views, AdminJsonContext.Default.ProviderViewArray);
    }

    private static CircuitView View(string key, CircuitState state, DateTimeOffset now) => new(key,
        CircuitPolicy.Effective(state, now) switch { CircuitStatus.Open => "open", CircuitStatus.HalfOpen => "half_open", _ => "closed" },
        state.Failures, state.NextRetryAt, state.Reason);
}
