using System.Diagnostics.Metrics;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Contracts.Usage;
using Dapr.AiProvider.Quota.Diagnostics;
using Dapr.AiProvider.Router.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Dapr.AiProvider.Observability.Tests.Metrics;

/// <summary>
/// The exposition of our instruments, read from prometheus-net's registry as /metrics serves it: exact names,
/// exact <c># TYPE</c> lines, exact label sets. (prometheus-net's MeterAdapter would have served
/// <c>dapr_aiprovider_router_ai_provider_requests</c> as a gauge.) Label values are unique per test because the
/// registry is the process's.
/// </summary>
public sealed class PrometheusExpositionTests : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    public PrometheusExpositionTests()
    {
        Scrape.EnsureBridge();
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task RequestsCounter_TwoRequests_IsACounterNamedWithTotalAndTheSeedLabels()
    {
        var metrics = new RouterMetrics(_services.GetRequiredService<IMeterFactory>());

        metrics.Request("openai-" + _id, "chat", "gpt-" + _id, 200, 0.3);
        metrics.Request("openai-" + _id, "chat", "gpt-" + _id, 200, 1.5);

        var lines = await Scrape.LinesAsync();
        Assert.Contains("# TYPE ai_provider_requests_total counter", lines);
        Assert.Contains($"ai_provider_requests_total{{caller_app=\"none\",model=\"gpt-{_id}\",provider=\"openai-{_id}\",status=\"200\",task_type=\"chat\"}} 2", lines);
        Assert.DoesNotContain(lines, l => l.Contains("dapr_aiprovider", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequestsCounter_ManyLabelSetsTwiceEach_EverySeriesCountsOnlyItsOwn()
    {
        var metrics = new RouterMetrics(_services.GetRequiredService<IMeterFactory>());
        const int labelSets = 40; // more than the bridge keeps children for (ExportedInstrument's MaxKnownChildren, 32)

        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < labelSets; i++)
            {
                // Strings built anew on every call: equal values in other instances must find the same series.
                metrics.Request(string.Concat("openai-", _id), "chat", $"m{i}-{_id}", i % 2 == 0 ? 200 : 503, 0.1);
            }
        }

        var lines = await Scrape.LinesAsync();
        for (var i = 0; i < labelSets; i++)
        {
            var status = i % 2 == 0 ? 200 : 503;
            Assert.Contains($"ai_provider_requests_total{{caller_app=\"none\",model=\"m{i}-{_id}\",provider=\"openai-{_id}\",status=\"{status}\",task_type=\"chat\"}} 2", lines);
            Assert.Single(lines, l => l.StartsWith("ai_provider_requests_total{", StringComparison.Ordinal) && l.Contains($"model=\"m{i}-{_id}\"", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ResponseDuration_Recorded_IsAHistogramInSecondsWithLlmBuckets()
    {
        var metrics = new RouterMetrics(_services.GetRequiredService<IMeterFactory>());

        metrics.Request("anthropic-" + _id, "code", "claude-" + _id, 200, 3.2);

        var lines = await Scrape.LinesAsync();
        var labels = $"model=\"claude-{_id}\",provider=\"anthropic-{_id}\"";
        Assert.Contains("# TYPE ai_provider_response_duration_seconds histogram", lines);
        Assert.Contains($"ai_provider_response_duration_seconds_bucket{{{labels},le=\"0.05\"}} 0", lines);
        Assert.Contains($"ai_provider_response_duration_seconds_bucket{{{labels},le=\"2\"}} 0", lines);
        Assert.Contains($"ai_provider_response_duration_seconds_bucket{{{labels},le=\"4\"}} 1", lines);
        Assert.Contains($"ai_provider_response_duration_seconds_bucket{{{labels},le=\"120\"}} 1", lines);
        Assert.Contains($"ai_provider_response_duration_seconds_bucket{{{labels},le=\"+Inf\"}} 1", lines);
        Assert.Contains($"ai_provider_response_duration_seconds_sum{{{labels}}} 3.2", lines);
        Assert.Contains($"ai_provider_response_duration_seconds_count{{{labels}}} 1", lines);
    }

    [Fact]
    public async Task RouterInstruments_Recorded_HaveExactTypesAndLabelSets()
    {
        var metrics = new RouterMetrics(_services.GetRequiredService<IMeterFactory>());

        metrics.Overhead(4);
        metrics.TimeToFirstToken("gemini-" + _id, 0.7);
        metrics.Failover("groq-" + _id, ErrorClass.RateLimited);
        metrics.CacheLookup("hit");
        metrics.CircuitTransition($"circuit:hf-{_id}:llama", Router.Circuits.CircuitStatus.Open);

        var lines = await Scrape.LinesAsync();
        Assert.Contains("# TYPE ai_provider_gateway_overhead_seconds histogram", lines);
        Assert.Contains(lines, l => l.StartsWith("ai_provider_gateway_overhead_seconds_bucket{le=\"0.005\"} ", StringComparison.Ordinal));
        Assert.Contains("# TYPE ai_provider_time_to_first_token_seconds histogram", lines);
        Assert.Contains($"ai_provider_time_to_first_token_seconds_count{{provider=\"gemini-{_id}\"}} 1", lines);
        Assert.Contains("# TYPE ai_provider_failovers_total counter", lines);
        Assert.Contains($"ai_provider_failovers_total{{error_class=\"rate_limited\",provider=\"groq-{_id}\"}} 1", lines);
        Assert.Contains("# TYPE ai_provider_cache_lookups_total counter", lines);
        Assert.Contains(lines, l => l.StartsWith("ai_provider_cache_lookups_total{result=\"hit\"} ", StringComparison.Ordinal));
        Assert.Contains("# TYPE ai_provider_circuit_transitions_total counter", lines);
        Assert.Contains($"ai_provider_circuit_transitions_total{{model=\"llama\",provider=\"hf-{_id}\",state=\"open\"}} 1", lines);
        Assert.Contains("# TYPE ai_provider_usage_events_dropped_total counter", lines);
        Assert.Contains("# TYPE ai_provider_usage_publish_failures_total counter", lines);
    }

    [Fact]
    public async Task QuotaRatios_Set_AreGaugesByProviderAndByBudgetScope()
    {
        var metrics = new QuotaMetrics(_services.GetRequiredService<IMeterFactory>());

        metrics.SetUsageRatio($"provider:gemini-{_id}:flash", "requests_day", 0.25);
        metrics.SetUsageRatio($"provider:gemini-{_id}:pro", "requests_day", 0.75);
        metrics.SetUsageRatio($"team:qa-{_id}", "cost_month", 0.5);

        var lines = await Scrape.LinesAsync();
        Assert.Contains("# TYPE ai_provider_quota_usage_ratio gauge", lines);
        Assert.Contains($"ai_provider_quota_usage_ratio{{provider=\"gemini-{_id}\",quota_type=\"requests_day\"}} 0.75", lines);
        Assert.Contains("# TYPE ai_provider_budget_usage_ratio gauge", lines);
        Assert.Contains($"ai_provider_budget_usage_ratio{{quota_type=\"cost_month\",scope=\"team:qa-{_id}\"}} 0.5", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("ai_provider_budget_usage_ratio", StringComparison.Ordinal) && l.Contains("gemini-" + _id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LedgerInstruments_BatchCommitted_ExportLagWriteTimeCostAndTokens()
    {
        var metrics = new QuotaMetrics(_services.GetRequiredService<IMeterFactory>());
        var committedAt = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
        var usage = new UsageRecorded
        {
            RequestId = "req_" + _id,
            OccurredAt = committedAt.AddSeconds(-2),
            Provider = "openai-" + _id,
            Team = "qa-" + _id,
            CostMicros = 1_500,
            Tokens = new TokenUsage { InputTokens = 10, OutputTokens = 4 },
        };

        metrics.BatchCommitted([usage], TimeSpan.FromMilliseconds(3), committedAt);
        metrics.DeadLetterReceived();

        var lines = await Scrape.LinesAsync();
        Assert.Contains("# TYPE ai_provider_usage_lag_seconds histogram", lines);
        Assert.Contains("# TYPE ai_provider_ledger_write_duration_seconds histogram", lines);
        Assert.Contains("# TYPE ai_provider_cost_usd_total counter", lines);
        Assert.Contains($"ai_provider_cost_usd_total{{provider=\"openai-{_id}\",team=\"qa-{_id}\"}} 0.0015", lines);
        Assert.Contains("# TYPE ai_provider_tokens_total counter", lines);
        Assert.Contains($"ai_provider_tokens_total{{direction=\"input\",provider=\"openai-{_id}\"}} 10", lines);
        Assert.Contains($"ai_provider_tokens_total{{direction=\"output\",provider=\"openai-{_id}\"}} 4", lines);
        Assert.Contains("# TYPE ai_provider_usage_dead_letters_total counter", lines);
    }
}
