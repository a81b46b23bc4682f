using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Dapr.AiProvider.Contracts.Usage;

namespace Dapr.AiProvider.Quota.Diagnostics;

/// <summary>
/// The quota service's instruments (one <see cref="Meter"/>, low-cardinality tags). Instrument names are the
/// Prometheus series names without <c>_total</c>, which /metrics adds to counters; <c>docs/observability.md</c>
/// lists every series.
/// </summary>
internal sealed class QuotaMetrics
{
    public const string MeterName = "Dapr.AiProvider.Quota";

    private readonly Counter<long> _written;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _writeFailures;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _alerts;
    private readonly Histogram<int> _batchRows;
    private readonly Histogram<double> _writeDuration;
    private readonly Histogram<double> _lag;
    private readonly Counter<double> _costUsd;
    private readonly Counter<long> _tokens;
    private readonly ConcurrentDictionary<(string Scope, string QuotaType), (string Provider, double Ratio)> _ratios = new();
    private readonly ConcurrentDictionary<(string Scope, string QuotaType), double> _budgetRatios = new();

    public QuotaMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _written = meter.CreateCounter<long>("ai_provider_usage_rows_written", description: "Usage events stored in the ledger");
        _duplicates = meter.CreateCounter<long>("ai_provider_usage_duplicates", description: "Redelivered usage events already in the ledger");
        _writeFailures = meter.CreateCounter<long>("ai_provider_usage_write_failures", description: "Usage events whose batch failed (answered RETRY)");
        _dropped = meter.CreateCounter<long>("ai_provider_usage_dropped", description: "Malformed usage events dropped");
        _deadLetters = meter.CreateCounter<long>("ai_provider_usage_dead_letters", description: "Usage events received on the dead-letter topic");
        _alerts = meter.CreateCounter<long>("ai_provider_quota_alerts", description: "Quota threshold alerts raised");
        // Counters without labels start at 0, so rate() and increase() answer before the first event.
        _writeFailures.Add(0);
        _deadLetters.Add(0);
        _batchRows = meter.CreateHistogram<int>("ai_provider_usage_batch_rows", description: "Usage events per ledger batch (one statement, one commit)",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });
        _writeDuration = meter.CreateHistogram("ai_provider_ledger_write_duration_seconds", "s", "Time to write one usage batch to the ledger",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        _lag = meter.CreateHistogram("ai_provider_usage_lag_seconds", "s", "From the end of a request to its ledger row being committed",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });
        _costUsd = meter.CreateCounter<double>("ai_provider_cost_usd", "{USD}", "Provider cost of requests written to the ledger, by provider and team");
        _tokens = meter.CreateCounter<long>("ai_provider_tokens", "{token}", "Tokens of requests written to the ledger, by provider and direction (input, output)");
        meter.CreateObservableGauge("ai_provider_quota_usage_ratio", ObserveRatios, "1",
            "Used share of a provider quota window, free tiers included (1 = exhausted)");
        meter.CreateObservableGauge("ai_provider_budget_usage_ratio", ObserveBudgetRatios, "1",
            "Used share of a team, key or global budget window (1 = exhausted)");
    }

    public void UsageWritten(int inserted, int duplicates)
    {
        _batchRows.Record(inserted + duplicates);
        _written.Add(inserted);
        _duplicates.Add(duplicates);
    }

    /// <summary>A committed batch: how long the write took, how far behind the requests it is, and what they cost.</summary>
    internal void BatchCommitted(IEnumerable<UsageRecorded> events, TimeSpan writeDuration, DateTimeOffset committedAt)
    {
        _writeDuration.Record(writeDuration.TotalSeconds);
        foreach (var usage in events)
        {
            _lag.Record(Math.Max(0, (committedAt - usage.OccurredAt).TotalSeconds));
            if (usage.CacheHit || usage.Provider is null)
            {
                continue;
            }
            var provider = new KeyValuePair<string, object?>("provider", usage.Provider);
            // Free calls add 0: the series exists (and the cost panel shows 0) before anything is paid for.
            _costUsd.Add(usage.CostMicros / 1_000_000.0, provider, new("team", usage.Team ?? "none"));
            _tokens.Add(usage.Tokens.InputTokens, provider, new("direction", "input"));
            _tokens.Add(usage.Tokens.OutputTokens, provider, new("direction", "output"));
        }
    }

    public void UsageWriteFailed(int count) => _writeFailures.Add(count);

    public void UsageDropped(bool deadLetter) =>
        _dropped.Add(1, new KeyValuePair<string, object?>("dead_letter", deadLetter));

    public void DeadLetterReceived() => _deadLetters.Add(1);

    public void AlertRaised(string metric) => _alerts.Add(1, new KeyValuePair<string, object?>("metric", metric));

    /// <summary>
    /// Records a window's ratio: provider scopes (<c>provider:{id}</c>, <c>provider:{id}:{model}</c>) and
    /// <c>global</c> feed <c>ai_provider_quota_usage_ratio</c>; every other scope (<c>team:</c>, <c>key:</c>) and
    /// <c>global</c> feed <c>ai_provider_budget_usage_ratio</c>.
    /// </summary>
    public void SetUsageRatio(string scope, string quotaType, double ratio)
    {
        if (ProviderOf(scope) is { } provider)
        {
            _ratios[(scope, quotaType)] = (provider, ratio);
        }
        if (!scope.StartsWith("provider:", StringComparison.Ordinal))
        {
            _budgetRatios[(scope, quotaType)] = ratio;
        }
    }

    public double? GetUsageRatio(string scope, string quotaType) =>
        _ratios.TryGetValue((scope, quotaType), out var value) ? value.Ratio : null;

    private IEnumerable<Measurement<double>> ObserveRatios()
    {
        // Several models of one provider share the labels: report the fullest window.
        var byLabels = new Dictionary<(string Provider, string QuotaType), double>();
        foreach (var ((_, quotaType), (provider, ratio)) in _ratios)
        {
            var key = (provider, quotaType);
            byLabels[key] = byLabels.TryGetValue(key, out var seen) ? Math.Max(seen, ratio) : ratio;
        }
        foreach (var ((provider, quotaType), ratio) in byLabels)
        {
            yield return new Measurement<double>(ratio,
                new KeyValuePair<string, object?>("provider", provider),
                new KeyValuePair<string, object?>("quota_type", quotaType));
        }
    }

    private IEnumerable<Measurement<double>> ObserveBudgetRatios()
    {
        foreach (var ((scope, quotaType), ratio) in _budgetRatios)
        {
            yield return new Measurement<double>(ratio,
                new KeyValuePair<string, object?>("scope", scope),
                new KeyValuePair<string, object?>("quota_type", quotaType));
        }
    }

    private static string? ProviderOf(string scope)
    {
        if (scope == Contracts.Quota.QuotaScopes.Global)
        {
            return scope;
        }
        if (!scope.StartsWith("provider:", StringComparison.Ordinal))
        {
            return null;
        }
        var rest = scope["provider:".Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? rest : rest[..colon];
    }
}
