using System.Diagnostics.Metrics;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Usage;
using Dapr.AiProvider.Quota.Diagnostics;
using Dapr.AiProvider.Router.Circuits;
using Dapr.AiProvider.Router.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Dapr.AiProvider.Observability.Tests.Metrics;

/// <summary>Instrument-level checks (names, values, tags) with <see cref="MetricCollector{T}"/>, no exporter involved.</summary>
public sealed class MetricTagTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Failover_WithErrorClass_TagsTheFailedProviderAndTheWireClassName()
    {
        var metrics = new RouterMetrics(Meters);
        using var collector = new MetricCollector<long>(Meters, RouterMetrics.MeterName, "ai_provider_failovers");

        metrics.Failover("anthropic", ErrorClass.Overloaded);

        var measurement = Assert.Single(collector.GetMeasurementSnapshot());
        Assert.Equal(1, measurement.Value);
        Assert.Equal("anthropic", measurement.Tags["provider"]);
        Assert.Equal("overloaded", measurement.Tags["error_class"]);
    }

    [Fact]
    public void Overhead_InMilliseconds_IsRecordedInSeconds()
    {
        var metrics = new RouterMetrics(Meters);
        using var collector = new MetricCollector<double>(Meters, RouterMetrics.MeterName, "ai_provider_gateway_overhead_seconds");

        metrics.Overhead(2.5);

        Assert.Equal(0.0025, collector.LastMeasurement!.Value, 6);
    }

    [Theory]
    [InlineData("circuit:openai", "openai", "")]
    [InlineData("circuit:openai:gpt-4o", "openai", "gpt-4o")]
    [InlineData("circuit:hf:meta-llama/Llama-3.1-8B", "hf", "meta-llama/Llama-3.1-8B")]
    public void CircuitLabels_Key_SplitsProviderAndModel(string key, string provider, string model) =>
        Assert.Equal((provider, model), RouterMetrics.CircuitLabels(key));

    [Theory]
    [InlineData(nameof(CircuitStatus.Closed), 0)]
    [InlineData(nameof(CircuitStatus.HalfOpen), 1)]
    [InlineData(nameof(CircuitStatus.Open), 2)]
    public void StateValue_Status_IsTheValueTheCircuitAlertCompares(string status, int value) =>
        Assert.Equal(value, RouterMetrics.StateValue(Enum.Parse<CircuitStatus>(status)));

    [Fact]
    public void UsageRatio_ProviderModelsAndGlobal_ReportTheFullestWindowPerProvider()
    {
        var metrics = new QuotaMetrics(Meters);
        using var collector = new MetricCollector<double>(Meters, QuotaMetrics.MeterName, "ai_provider_quota_usage_ratio");

        metrics.SetUsageRatio("provider:gemini:flash", "requests_day", 0.2);
        metrics.SetUsageRatio("provider:gemini:pro", "requests_day", 0.9);
        metrics.SetUsageRatio("team:qa", "cost_month", 0.5);
        collector.RecordObservableInstruments();

        var measurement = Assert.Single(collector.GetMeasurementSnapshot());
        Assert.Equal(0.9, measurement.Value);
        Assert.Equal("gemini", measurement.Tags["provider"]);
        Assert.Equal("requests_day", measurement.Tags["quota_type"]);
    }

    [Fact]
    public void BatchCommitted_EventTwoSecondsOld_RecordsTwoSecondsOfLag()
    {
        var metrics = new QuotaMetrics(Meters);
        using var lag = new MetricCollector<double>(Meters, QuotaMetrics.MeterName, "ai_provider_usage_lag_seconds");
        using var cost = new MetricCollector<double>(Meters, QuotaMetrics.MeterName, "ai_provider_cost_usd");
        var now = new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

        metrics.BatchCommitted(
            [new UsageRecorded { OccurredAt = now.AddSeconds(-2), Provider = "openai", CostMicros = 2_000_000 },
             new UsageRecorded { OccurredAt = now.AddSeconds(-1), Provider = "openai", CacheHit = true }],
            TimeSpan.FromMilliseconds(5), now);

        Assert.Equal([2.0, 1.0], lag.GetMeasurementSnapshot().Select(m => m.Value));
        var paid = Assert.Single(cost.GetMeasurementSnapshot());
        Assert.Equal(2.0, paid.Value);
        Assert.Equal("none", paid.Tags["team"]);
    }
}
