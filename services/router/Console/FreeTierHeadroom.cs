using System.Text.Json;
using Dapr.AiProvider.Contracts;
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
/// resets — plus any cooldown this router holds. A scope no replica has leased from yet shows the catalog's windows, unused.
/// </summary>
internal sealed class FreeTierHeadroom(CatalogStore catalog, QuotaAdminClient quota, ProviderCooldowns cooldowns, TimeProvider time)
{
    /// <summary>Actor reads in flight at once (a catalog has a few dozen free models).</summary>
    private const int Parallel = 8;

    public async Task<HeadroomModel[]> ReadAsync(CancellationToken cancellationToken)
    {
        var snapshot = await catalog.EnsureLoadedAsync(cancellationToken);
        var now = time.GetUtcNow();
        var models = snapshot.Models.Where(m => m.FreeTier && m.FreeWindows is not null)
            .OrderBy(m => m.Provider, StringComparer.Ordinal).ThenBy(m => m.Model, StringComparer.Ordinal)
            .Select(m => (Model: m, Scope: ProviderScopes.Of(m).FirstOrDefault(s => s.FreeWindows)))
            .Where(x => x.Scope is not null).ToArray();
        // An account-wide scope is shared by its provider's models: read once.
        var statuses = new Dictionary<string, QuotaStatus>(StringComparer.Ordinal);
        var scopes = models.Select(x => x.Scope!.Scope).Distinct(StringComparer.Ordinal).ToArray();
        await System.Threading.Tasks.Parallel.ForEachAsync(scopes, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellationToken },
            async (scope, ct) =>
            {
                var status = await StatusAsync(scope, ct);
                lock (statuses)
                {
                    statuses[scope] = status;
                }
            });
        return [.. models.Select(x =>
        {
            var (model, scope) = (x.Model, x.Scope!);
            var status = statuses[scope.Scope];
            var windows = status.Windows.Count > 0
                ? status.Windows.Select(w => Window(w.Rule, w.Used, w.Leased, w.Remaining, w.ResetsAt)).ToArray()
                : (scope.Defaults?.Rules ?? []).Select(r => Window(r, 0, 0, r.Limit, null)).ToArray();
            var cooldown = cooldowns.Find(model.Provider, model.Model, now);
            var (until, reason) = status.BenchedUntil > now && status.BenchedUntil > cooldown?.Until
                ? (status.BenchedUntil, status.BenchReason) : (cooldown?.Until, cooldown?.Reason);
            return new HeadroomModel(model.Provider, model.Model, scope.Scope, status.Windows.Count > 0, windows, until, reason, model.FreeWindows!.Source);
        })];
    }

    private static HeadroomWindow Window(QuotaRule rule, long used, long leased, long remaining, DateTimeOffset? resetsAt) =>
        new(Name(rule.Metric), Name(rule.Period), rule.Limit, used, leased, Math.Max(0, remaining), resetsAt);

    private static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()) switch
    {
        "cost_micros" => "cost",
        var name => name,
    };

    /// <summary>The scope's actor status (<c>GET /quota/status/{scope}</c>).</summary>
    private async Task<QuotaStatus> StatusAsync(string scope, CancellationToken cancellationToken)
    {
        var answer = await quota.SendAsync(HttpMethod.Get, $"quota/status/{Uri.EscapeDataString(scope)}", null, cancellationToken);
        if (!answer.IsSuccess)
        {
            throw new HttpRequestException($"quota answered {answer.Status} for the status of {scope}");
        }
        return JsonSerializer.Deserialize(answer.Body, ContractsJsonContext.Default.QuotaStatus)
            ?? throw new HttpRequestException($"quota answered no status for {scope}");
    }
}

/// <summary>
/// One free-tier model and the windows of the scope it is leased on (<paramref name="Scope"/>: <c>provider:{p}:{m}</c>,
/// or <c>provider:{p}</c> when the provider's models share them); <paramref name="Live"/> is false until a replica leased
/// from it (the catalog's windows, unused).
/// </summary>
internal sealed record HeadroomModel(string Provider, string Model, string Scope, bool Live, IReadOnlyList<HeadroomWindow> Windows,
    DateTimeOffset? CooldownUntil, string? CooldownReason, string Source);

/// <summary>
/// One window now: <paramref name="Used"/> is settled use, <paramref name="Leased"/> what router replicas hold (in-flight
/// requests and unused slices), <paramref name="Remaining"/> what is left to lease; <paramref name="ResetsAt"/> on the provider's clock.
/// </summary>
internal sealed record HeadroomWindow(string Metric, string Period, long Limit, long Used, long Leased, long Remaining, DateTimeOffset? ResetsAt);
