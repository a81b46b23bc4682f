using System.Diagnostics.Metrics;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Router.Circuits;
using Dapr.AiProvider.Router.Failover;
using Dapr.AiProvider.Router.Usage;
using Microsoft.Extensions.DependencyInjection;

namespace Dapr.AiProvider.Router.Diagnostics;

/// <summary>
/// The router's instruments on meter <c>Dapr.AiProvider.Router</c> (low-cardinality tags only). Instrument names
/// are the Prometheus series names without <c>_total</c>, which /metrics adds to counters
/// (<c>ServiceDefaults/Metrics/PrometheusNames.cs</c>); <c>docs/observability.md</c> lists every series.
/// </summary>
internal sealed class RouterMetrics
{
    public const string MeterName = "Dapr.AiProvider.Router";

    /// <summary>LLM calls take from tens of milliseconds (cache hits) to minutes (long generations).</summary>
    internal static readonly double[] ResponseBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120];
    /// <summary>The gateway's own time should stay in single-digit milliseconds.</summary>
    internal static readonly double[] OverheadBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _overhead;
    private readonly Histogram<double> _timeToFirstToken;
    private readonly Counter<long> _failovers;
    private readonly Counter<long> _cacheLookups;
    private readonly Counter<long> _circuitTransitions;
    private readonly Counter<long> _usageDropped;
    private readonly Counter<long> _usagePublishFailures;
    private readonly IServiceProvider? _services;

    /// <param name="meterFactory">The host's meter factory.</param>
    /// <param name="services">Where the observed gauges find the circuit view and the usage queue (both depend on
    /// this class, so they are looked up when Prometheus scrapes, not injected).</param>
    public RouterMetrics(IMeterFactory meterFactory, IServiceProvider? services = null)
    {
        _services = services;
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("ai_provider_requests", "{request}", "Requests by provider, task type, model and HTTP status");
        _duration = meter.CreateHistogram("ai_provider_response_duration_seconds", "s", "End-to-end response time, by provider and model",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ResponseBuckets });
        _overhead = meter.CreateHistogram("ai_provider_gateway_overhead_seconds", "s", "Time spent in the gateway itself (response time minus upstream time)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = OverheadBuckets });
        _timeToFirstToken = meter.CreateHistogram("ai_provider_time_to_first_token_seconds", "s", "Streaming: time from request to first content sent",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ResponseBuckets });
        _failovers = meter.CreateCounter<long>("ai_provider_failovers", "{attempt}", "Attempts beyond the first, by the failed provider and its error class");
        _cacheLookups = meter.CreateCounter<long>("ai_provider_cache_lookups", "{lookup}", "Response cache lookups by result (hit, miss)");
        _circuitTransitions = meter.CreateCounter<long>("ai_provider_circuit_transitions", "{transition}", "Circuit breaker state changes, by provider, model and new state");
        _usageDropped = meter.CreateCounter<long>("ai_provider_usage_events_dropped", "{event}", "Usage events lost (buffer full or shutdown)");
        _usagePublishFailures = meter.CreateCounter<long>("ai_provider_usage_publish_failures", "{attempt}", "Failed usage publish attempts (retried)");
        // Counters without labels start at 0, so rate() and increase() answer before the first event.
        _usageDropped.Add(0);
        _usagePublishFailures.Add(0);
        meter.CreateObservableGauge("ai_provider_circuit_state", ObserveCircuits, description: "Circuit state as this replica sees it: 0 closed, 1 half-open, 2 open");
        meter.CreateObservableGauge("ai_provider_usage_backlog", ObserveBacklog, "{event}", "Usage events waiting to be published");
    }

    /// <summary>
    /// <paramref name="callerApp"/>: the sidecar-proven Dapr app id (bounded: a mesh app id of at most 63 characters,
    /// stamped by daprd, never a caller's free text) or <c>none</c> on the public port.
    /// </summary>
    public void Request(string provider, string taskType, string model, int status, double seconds, string? callerApp = null)
    {
        _requests.Add(1, new("provider", provider), new("task_type", taskType), new("model", model), new("status", status),
            new("caller_app", callerApp ?? "none"));
        _duration.Record(seconds, new KeyValuePair<string, object?>("provider", provider), new("model", model));
    }

    public void Overhead(double milliseconds) => _overhead.Record(milliseconds / 1000);

    public void TimeToFirstToken(string provider, double seconds) =>
        _timeToFirstToken.Record(seconds, new KeyValuePair<string, object?>("provider", provider));

    /// <summary>A failover away from <paramref name="failedProvider"/>, which failed with <paramref name="errorClass"/>.</summary>
    public void Failover(string failedProvider, ErrorClass errorClass) =>
        _failovers.Add(1, new KeyValuePair<string, object?>("provider", failedProvider), new("error_class", ErrorClassNames.Of(errorClass)));

    /// <summary>The pipeline's call site before it passes the failed provider and class (tagged <c>unknown</c>).</summary>
    public void Failover(string provider) =>
        _failovers.Add(1, new KeyValuePair<string, object?>("provider", provider), new("error_class", "unknown"));

    public void CacheLookup(string result) => _cacheLookups.Add(1, new KeyValuePair<string, object?>("result", result));

    public void CircuitTransition(string key, CircuitStatus state)
    {
        var (provider, model) = CircuitLabels(key);
        _circuitTransitions.Add(1, new KeyValuePair<string, object?>("provider", provider), new("model", model), new("state", StateName(state)));
    }

    public void UsageDropped(long count = 1) => _usageDropped.Add(count);
    public void UsagePublishFailed() => _usagePublishFailures.Add(1);

    private IEnumerable<Measurement<int>> ObserveCircuits()
    {
        if (_services?.GetService<CircuitBreakerRegistry>() is not { } circuits)
        {
            yield break;
        }
        foreach (var key in circuits.KnownKeys)
        {
            var (provider, model) = CircuitLabels(key);
            yield return new Measurement<int>(StateValue(circuits.View(key).State),
                new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("model", model));
        }
    }

    private IEnumerable<Measurement<int>> ObserveBacklog()
    {
        if (_services?.GetService<UsageQueue>() is { } queue && queue.Reader.CanCount)
        {
            yield return new Measurement<int>(queue.Reader.Count);
        }
    }

    /// <summary><c>circuit:{provider}</c> → (provider, ""); <c>circuit:{provider}:{model}</c> → (provider, model).</summary>
    internal static (string Provider, string Model) CircuitLabels(string key)
    {
        var rest = key.StartsWith("circuit:", StringComparison.Ordinal) ? key["circuit:".Length..] : key;
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (rest, "") : (rest[..colon], rest[(colon + 1)..]);
    }

    internal static int StateValue(CircuitStatus state) => state switch
    {
        CircuitStatus.HalfOpen => 1,
        CircuitStatus.Open => 2,
        _ => 0,
    };

    private static string StateName(CircuitStatus state) => state switch
    {
        CircuitStatus.HalfOpen => "half_open",
        CircuitStatus.Open => "open",
        _ => "closed",
    };
}
