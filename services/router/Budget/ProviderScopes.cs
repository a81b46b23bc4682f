using System.Runtime.CompilerServices;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Quota;

namespace Dapr.AiProvider.Router.Budget;

/// <summary>
/// The provider scopes one catalog model is charged on, with the free-tier windows each follows by default:
/// <c>provider:{id}</c> (the account's windows when the free tier is per account, e.g. OpenRouter, Mistral) and
/// <c>provider:{id}:{model}</c> (the model's own windows, e.g. Gemini 2.5 Flash, Groq). Limits an operator sets on
/// either scope replace these defaults (<see cref="LeaseRequest.Defaults"/>).
/// </summary>
internal static class ProviderScopes
{
    private static readonly ConditionalWeakTable<CatalogModel, ProviderScope[]> Built = [];

    public static IReadOnlyList<ProviderScope> Of(CatalogModel model) =>
        Built.GetValue(model, static m =>
        {
            var windows = m.FreeWindows;
            var account = windows is { Scope: "account" };
            return
            [
                // The account scope is shared by the provider's paid models too: only a model under account windows
                // states them (null leaves the scope's limits alone, so models never overwrite each other's).
                new ProviderScope(QuotaScopes.Provider(m.Provider), account ? LimitsOf(windows!) : null, m.FreeTier && account),
                new ProviderScope(QuotaScopes.ProviderModel(m.Provider, m.Model),
                    windows is not null && !account ? LimitsOf(windows) : new QuotaLimits(), m.FreeTier && windows is not null && !account),
            ];
        });

    /// <summary>The limits a provider stated, as quota rules on the free tier's calendar (requests and tokens per minute and day).</summary>
    public static QuotaLimits Stated(IReadOnlyList<LearnedLimit> learned, string zone)
    {
        var rules = new List<QuotaRule>(learned.Count);
        foreach (var limit in learned)
        {
            if (limit.Limit < 0 || limit.Window is not (QuotaWindowKind.Minute or QuotaWindowKind.Day)
                || limit.Metric is not ("requests" or "tokens"))
            {
                continue;
            }
            var metric = limit.Metric == "requests" ? QuotaMetric.Requests : QuotaMetric.Tokens;
            var period = limit.Window == QuotaWindowKind.Minute ? QuotaPeriod.Minute : QuotaPeriod.Day;
            rules.RemoveAll(r => r.Metric == metric && r.Period == period); // the last statement of a window wins
            rules.Add(new QuotaRule { Metric = metric, Period = period, Limit = limit.Limit, TimeZone = zone });
        }
        return new QuotaLimits { Rules = rules };
    }

    /// <summary>A free tier's published windows as quota rules, on the provider's reset calendar.</summary>
    public static QuotaLimits LimitsOf(FreeTierWindows windows)
    {
        var zone = string.IsNullOrEmpty(windows.ResetTimeZone) ? "UTC" : windows.ResetTimeZone;
        var rules = new List<QuotaRule>(5);
        Add(windows.RequestsPerMinute, QuotaMetric.Requests, QuotaPeriod.Minute);
        Add(windows.RequestsPerDay, QuotaMetric.Requests, QuotaPeriod.Day);
        Add(windows.TokensPerMinute, QuotaMetric.Tokens, QuotaPeriod.Minute);
        Add(windows.TokensPerDay, QuotaMetric.Tokens, QuotaPeriod.Day);
        Add(windows.MonthlyCreditMicros, QuotaMetric.CostMicros, QuotaPeriod.Month);
        return new QuotaLimits { Rules = rules };

        void Add(long? limit, QuotaMetric metric, QuotaPeriod period)
        {
            if (limit is { } value)
            {
                rules.Add(new QuotaRule { Metric = metric, Period = period, Limit = value, TimeZone = zone });
            }
        }
    }
}

/// <summary>One provider scope of a model: its actor id, the windows it follows by default, whether those are a free tier's.</summary>
/// <param name="Defaults">Null: the scope keeps whatever limits it has.</param>
/// <param name="FreeWindows">True when running dry here means the free tier is spent (the skip reason says so).</param>
internal sealed record ProviderScope(string Scope, QuotaLimits? Defaults, bool FreeWindows)
{
    /// <summary>Windows with published limits are leased in slices sized by what they have left, so replicas share them.</summary>
    public bool Exact => Defaults is { Rules.Count: > 0 };

    /// <summary>Whether <see cref="Defaults"/> limit <paramref name="metric"/> at all.</summary>
    public bool Limits(QuotaMetric metric) => Defaults?.Rules.Any(r => r.Hard && r.Metric == metric) ?? false;

    /// <summary>The tightest hard request window of <see cref="Defaults"/>, or null when none limits requests.</summary>
    public long? RequestLimit { get; } = Defaults?.Rules.Where(r => r is { Hard: true, Metric: QuotaMetric.Requests }).Select(r => (long?)r.Limit).Min();

    /// <summary>The tightest hard cost window of <see cref="Defaults"/> (monthly credits), or null when none limits cost.</summary>
    public long? CostLimit { get; } = Defaults?.Rules.Where(r => r is { Hard: true, Metric: QuotaMetric.CostMicros }).Select(r => (long?)r.Limit).Min();
}
