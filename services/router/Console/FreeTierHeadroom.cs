using System.Text.Json;
using System.Text.Json.Serialization;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Admin;
using Dapr.AiProvider.Router.Budget;
using Dapr.AiProvider.Router.Catalog;
using Dapr.AiProvider.Router.Cooldowns;

namespace Dapr.AiProvider.Router.Console;

/// <summary>
/// Free-tier headroom per provider and model, live: each free model's provider-window scopes
/// (<see cref="ProviderScopes"/>: <c>provider:{p}:{m}</c>, or <c>provider:{p}</c> for account-wide tiers) as their
/// <c>QuotaActor</c>s hold them now — the limits in force (the catalog's, or what a provider stated and the router
/// learned), settled use, slices leased to router replicas (in flight or held), what is left and when each window
/// resets — plus any cooldown this router holds. One call to quota per read, which asks the actors (8 at once). A scope
/// no replica has leased from yet, or whose actor cannot be read, shows the catalog's windows (<see cref="HeadroomState"/>).
/// </summary>
internal sealed class FreeTierHeadroom(CatalogStore catalog, QuotaAdminClient quota, ProviderCooldowns cooldowns, TimeProvider time)
{
    public async Task<HeadroomModel[]> ReadAsync(CancellationToken cancellationToken)
    {
        var snapshot = await catalog.EnsureLoadedAsync(cancellationToken);
        var now = time.GetUtcNow();
        var models = snapshot.Models.Where(m => m.FreeTier && m.FreeWindows is not null)
            .OrderBy(m => m.Provider, StringComparer.Ordinal).ThenBy(m => m.Model, StringComparer.Ordinal)
            .Select(m => (Model: m, Scope: ProviderScopes.Of(m).FirstOrDefault(s => s.FreeWindows)))
            .Where(x => x.Scope is not null).ToArray();
        // An account-wide scope is shared by its provider's models: asked once.
        var scopes = models.Select(x => x.Scope!.Scope).Distinct(StringComparer.Ordinal).ToArray();
        var report = scopes.Length == 0 ? new ProviderWindows([], []) : await WindowsAsync(scopes, cancellationToken);
        var statuses = report.Statuses.ToDictionary(s => s.Scope, StringComparer.Ordinal);
        var unavailable = report.Unavailable.ToHashSet(StringComparer.Ordinal);
        return [.. models.Select(x =>
        {
            var (model, scope) = (x.Model, x.Scope!);
            var status = statuses.GetValueOrDefault(scope.Scope) ?? new QuotaStatus { Scope = scope.Scope };
            var state = unavailable.Contains(scope.Scope) ? HeadroomState.Unavailable
                : status.Windows.Count > 0 ? HeadroomState.Live : HeadroomState.NotStarted;
            var windows = status.Windows.Count > 0
                ? status.Windows.Select(w => Window(w.Rule, w.Used, w.Leased, w.Remaining, w.ResetsAt)).ToArray()
                : (scope.Defaults?.Rules ?? []).Select(r => Window(r, 0, 0, r.Limit, null)).ToArray();
            var cooldown = cooldowns.Find(model.Provider, model.Model, now);
            var (until, reason) = status.BenchedUntil > now && status.BenchedUntil > cooldown?.Until
                ? (status.BenchedUntil, status.BenchReason) : (cooldown?.Until, cooldown?.Reason);
            return new HeadroomModel(model.Provider, model.Model, scope.Scope, state, windows, until, reason, model.FreeWindows!.Source);
        })];
    }

    private static HeadroomWindow Window(QuotaRule rule, long used, long leased, long remaining, DateTimeOffset? resetsAt) =>
        new(Name(rule.Metric), Name(rule.Period), rule.Limit, used, leased, Math.Max(0, remaining), resetsAt);

    private static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()) switch
    {
        "cost_micros" => "cost",
        var name => name,
    };

    /// <summary>The scopes' actor statuses in one call (<c>GET /quota/windows</c>: ids in the query, a model id may hold a <c>/</c>).</summary>
    private async Task<ProviderWindows> WindowsAsync(IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var query = string.Join("&", scopes.Select(s => "scope=" + Uri.EscapeDataString(s)));
        var answer = await quota.SendAsync(HttpMethod.Get, "quota/windows?" + query, null, cancellationToken);
        if (!answer.IsSuccess)
        {
            throw new HttpRequestException($"quota answered {answer.Status} for the provider windows");
        }
        return JsonSerializer.Deserialize(answer.Body, ConsoleJsonContext.Default.ProviderWindows) ?? new ProviderWindows([], []);
    }
}

/// <summary>
/// One free-tier model and the windows of the scope it is leased on (<paramref name="Scope"/>: <c>provider:{p}:{m}</c>,
/// or <c>provider:{p}</c> when the provider's models share them), in <paramref name="State"/>.
/// </summary>
internal sealed record HeadroomModel(string Provider, string Model, string Scope, HeadroomState State, IReadOnlyList<HeadroomWindow> Windows,
    DateTimeOffset? CooldownUntil, string? CooldownReason, string Source);

/// <summary>Where a model's windows come from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HeadroomState>))]
internal enum HeadroomState
{
    /// <summary>The scope's actor, as it holds them now.</summary>
    [JsonStringEnumMemberName("live")] Live,
    /// <summary>No replica leased from the scope yet: the catalog's windows, unused.</summary>
    [JsonStringEnumMemberName("not_started")] NotStarted,
    /// <summary>The scope's actor could not be read: the catalog's windows, use unknown.</summary>
    [JsonStringEnumMemberName("unavailable")] Unavailable,
}

/// <summary>
/// One window now: <paramref name="Used"/> is settled use, <paramref name="Leased"/> what router replicas hold (in-flight
/// requests and unused slices), <paramref name="Remaining"/> what is left to lease; <paramref name="ResetsAt"/> on the provider's clock.
/// </summary>
internal sealed record HeadroomWindow(string Metric, string Period, long Limit, long Used, long Leased, long Remaining, DateTimeOffset? ResetsAt);

/// <summary>Quota's <c>GET /quota/windows</c> answer.</summary>
internal sealed record ProviderWindows(IReadOnlyList<QuotaStatus> Statuses, IReadOnlyList<string> Unavailable);
