using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Dapr.AiProvider.Quota.Diagnostics;

/// <summary>The quota service's instruments (one <see cref="Meter"/>, low-cardinality tags).</summary>
public sealed class QuotaMetrics
{
    public const string MeterName = "Dapr.AiProvider.Quota";

    private readonly Counter<long> _written;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _writeFailures;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _alerts;
    private readonly Histogram<int> _batchRows;
    private readonly ConcurrentDictionary<(string Scope, string QuotaType), (string Provider, double Ratio)> _ratios = new();

    public QuotaMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _written = meter.CreateCounter<long>("ai_provider_usage_rows_written", description: "Usage events stored in the ledger");
        _duplicates = meter.CreateCounter<long>("ai_provider_usage_duplicates", description: "Redelivered usage events already in the ledger");
        _writeFailures = meter.CreateCounter<long>("ai_provider_usage_write_failures", description: "Usage events whose batch failed (answered RETRY)");
        _dropped = meter.CreateCounter<long>("ai_provider_usage_dropped", description: "Malformed usage events dropped");
        _deadLetters = meter.CreateCounter<long>("ai_provider_usage_dead_letters", description: "Usage events received on the dead-letter topic");
        _alerts = meter.CreateCounter<long>("ai_provider_quota_alerts", description: "Quota threshold alerts raised");
        _batchRows = meter.CreateHistogram<int>("ai_provider_usage_batch_rows", description: "Usage events per ledger batch (one statement, one commit)",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });
        meter.CreateObservableGauge("ai_provider_quota_usage_ratio", ObserveRatios,
            description: "Used share of a provider quota window (1 = exhausted)");
    }

    public void UsageWritten(int inserted, int duplicates)
    {
        _batchRows.Record(inserted + duplicates);
        _written.Add(inserted);
        _duplicates.Add(duplicates);
    }

    public void UsageWriteFailed(int count) => _writeFailures.Add(count);

    public void UsageDropped(bool deadLetter) =>
        _dropped.Add(1, new KeyValuePair<string, object?>("dead_letter", deadLetter));

    public void DeadLetterReceived() => _deadLetters.Add(1);

    public void AlertRaised(string metric) => _alerts.Add(1, new KeyValuePair<string, object?>("metric", metric));

    /// <summary>Records a provider window's ratio (scopes <c>provider:{id}</c>, <c>provider:{id}:{model}</c> and <c>global</c>).</summary>
    public void SetUsageRatio(string scope, string quotaType, double ratio)
    {
        if (ProviderOf(scope) is { } provider)
        {
            _ratios[(scope, quotaType)] = (provider, ratio);
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
