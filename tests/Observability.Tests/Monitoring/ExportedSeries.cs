namespace Dapr.AiProvider.Observability.Tests.Monitoring;

/// <summary>
/// Every <c>ai_provider_*</c> family the services export, with its Prometheus type — the list
/// <c>docs/observability.md</c> documents. PrometheusExpositionTests proves the exposition of each; the
/// dashboard and the alert rules may read only these.
/// </summary>
internal static class ExportedSeries
{
    public static readonly IReadOnlyDictionary<string, string> Families = new Dictionary<string, string>
    {
        ["ai_provider_requests_total"] = "counter",
        ["ai_provider_response_duration_seconds"] = "histogram",
        ["ai_provider_gateway_overhead_seconds"] = "histogram",
        ["ai_provider_time_to_first_token_seconds"] = "histogram",
        ["ai_provider_failovers_total"] = "counter",
        ["ai_provider_cache_lookups_total"] = "counter",
        ["ai_provider_circuit_transitions_total"] = "counter",
        ["ai_provider_circuit_state"] = "gauge",
        ["ai_provider_usage_backlog"] = "gauge",
        ["ai_provider_usage_events_dropped_total"] = "counter",
        ["ai_provider_usage_publish_failures_total"] = "counter",
        ["ai_provider_quota_usage_ratio"] = "gauge",
        ["ai_provider_budget_usage_ratio"] = "gauge",
        ["ai_provider_usage_rows_written_total"] = "counter",
        ["ai_provider_usage_duplicates_total"] = "counter",
        ["ai_provider_usage_write_failures_total"] = "counter",
        ["ai_provider_usage_dropped_total"] = "counter",
        ["ai_provider_usage_dead_letters_total"] = "counter",
        ["ai_provider_quota_alerts_total"] = "counter",
        ["ai_provider_usage_batch_rows"] = "histogram",
        ["ai_provider_ledger_write_duration_seconds"] = "histogram",
        ["ai_provider_usage_lag_seconds"] = "histogram",
        ["ai_provider_cost_usd_total"] = "counter",
        ["ai_provider_tokens_total"] = "counter",
    };

    /// <summary>True for a family name or one of a histogram's series (<c>_bucket</c>, <c>_sum</c>, <c>_count</c>).</summary>
    public static bool IsExported(string series) =>
        Families.ContainsKey(series)
        || Families.Where(f => f.Value == "histogram")
            .Any(f => series == f.Key + "_bucket" || series == f.Key + "_sum" || series == f.Key + "_count");
}
