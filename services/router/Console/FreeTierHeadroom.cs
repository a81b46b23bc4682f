using System.Text.Json;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Admin;
using Dapr.AiProvider.Router.Catalog;
using Dapr.AiProvider.Router.Cooldowns;

namespace Dapr.AiProvider.Router.Console;

/// <summary>
/// Free-tier headroom per provider and model: each published window of the catalog (<see cref="FreeTierWindows"/>:
/// requests and tokens per minute and per day, on the provider's reset clock) with what the ledger counted in the
/// current window, and any cooldown this router holds. The ledger trails live traffic by the usage publisher's linger.
/// </summary>
internal sealed class FreeTierHeadroom(CatalogStore catalog, QuotaAdminClient quota, ProviderCooldowns cooldowns, TimeProvider time)
{
    public async Task<HeadroomModel[]> ReadAsync(CancellationToken cancellationToken)
    {
        var snapshot = await catalog.EnsureLoadedAsync(cancellationToken);
        var now = time.GetUtcNow();
        var reports = new Dictionary<string, Dictionary<string, (long Requests, long Tokens)>>(StringComparer.Ordinal);
        var models = new List<HeadroomModel>();
        foreach (var model in snapshot.Models.Where(m => m.FreeTier && m.FreeWindows is not null)
                     .OrderBy(m => m.Provider, StringComparer.Ordinal).ThenBy(m => m.Model, StringComparer.Ordinal))
        {
            var free = model.FreeWindows!;
            var shared = string.Equals(free.Scope, "provider", StringComparison.OrdinalIgnoreCase);
            var groupBy = shared ? "provider" : "model";
            var key = shared ? model.Provider : $"{model.Provider}/{model.Model}";
            var minute = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
            var day = StartOfDay(now, free.ResetTimeZone);
            var windows = new List<HeadroomWindow>();
            foreach (var (metric, period, limit) in Limits(free))
            {
                var (from, to) = period == "minute" ? (minute, minute.AddMinutes(1)) : (day, day.AddDays(1));
                var used = await UsedAsync(reports, groupBy, from, to, cancellationToken);
                var (requests, tokens) = used.GetValueOrDefault(key);
                var value = metric == "requests" ? requests : tokens;
                windows.Add(new HeadroomWindow(metric, period, limit, value, Math.Max(0, limit - value), to));
            }
            var cooldown = cooldowns.Find(model.Provider, model.Model, now);
            models.Add(new HeadroomModel(model.Provider, model.Model, shared ? "provider" : "model", windows, cooldown?.Until, cooldown?.Reason,
                free.Source));
        }
        return [.. models];
    }

    private static IEnumerable<(string Metric, string Period, long Limit)> Limits(FreeTierWindows free)
    {
        if (free.RequestsPerMinute is { } rpm) { yield return ("requests", "minute", rpm); }
        if (free.RequestsPerDay is { } rpd) { yield return ("requests", "day", rpd); }
        if (free.TokensPerMinute is { } tpm) { yield return ("tokens", "minute", tpm); }
        if (free.TokensPerDay is { } tpd) { yield return ("tokens", "day", tpd); }
    }

    /// <summary>Midnight of <paramref name="now"/>'s day on the provider's clock, in UTC (UTC when the zone is unknown).</summary>
    internal static DateTimeOffset StartOfDay(DateTimeOffset now, string timeZone)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var midnight = new DateTime(local.Year, local.Month, local.Day, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>The ledger's usage over one window, asked once per (grouping, window) within a read.</summary>
    private async Task<Dictionary<string, (long Requests, long Tokens)>> UsedAsync(
        Dictionary<string, Dictionary<string, (long Requests, long Tokens)>> reports, string groupBy, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        var query = $"quota/usage?groupBy={groupBy}&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";
        if (reports.TryGetValue(query, out var cached))
        {
            return cached;
        }
        var answer = await quota.SendAsync(HttpMethod.Get, query, null, cancellationToken);
        if (!answer.IsSuccess)
        {
            throw new HttpRequestException($"quota answered {answer.Status} to a usage query");
        }
        var report = JsonSerializer.Deserialize(answer.Body, ConsoleJsonContext.Default.LedgerUsage);
        var used = (report?.Buckets ?? []).ToDictionary(b => b.Key, b => (b.Requests, b.TotalTokens), StringComparer.Ordinal);
        reports[query] = used;
        return used;
    }
}

/// <summary>One free-tier model (or a provider whose windows all its models share) and its windows now.</summary>
internal sealed record HeadroomModel(string Provider, string Model, string Scope, IReadOnlyList<HeadroomWindow> Windows,
    DateTimeOffset? CooldownUntil, string? CooldownReason, string Source);

/// <summary>Used / limit of one window and when it resets.</summary>
internal sealed record HeadroomWindow(string Metric, string Period, long Limit, long Used, long Remaining, DateTimeOffset ResetsAt);

/// <summary>The part of quota's <c>GET /quota/usage</c> answer the headroom reads.</summary>
internal sealed record LedgerUsage(IReadOnlyList<LedgerBucket>? Buckets);

internal sealed record LedgerBucket(string Key, long Requests, long TotalTokens);
