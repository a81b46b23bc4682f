using System.Diagnostics.Metrics;
using Dapr.AiProvider.Router.Circuits;

namespace Dapr.AiProvider.Router.Diagnostics;

/// <summary>The router's instruments on meter <c>Dapr.AiProvider.Router</c> (low-cardinality tags only).</summary>
internal sealed class RouterMetrics
{
    public const string MeterName = "Dapr.AiProvider.Router";

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _overhead;
    private readonly Histogram<double> _timeToFirstToken;
    private readonly Counter<long> _failovers;
    private readonly Counter<long> _cacheLookups;
    private readonly Counter<long> _circuitTransitions;
    private readonly Counter<long> _usageDropped;
    private readonly Counter<long> _usagePublishFailures;

    public RouterMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("ai_provider_requests", description: "Requests by provider, task type, model and status");
        _duration = meter.CreateHistogram<double>("ai_provider_response_duration", "s", "End-to-end response time");
        _overhead = meter.CreateHistogram<double>("ai_provider_gateway_overhead", "ms", "Time spent in the gateway itself");
        _timeToFirstToken = meter.CreateHistogram<double>("ai_provider_time_to_first_token", "s", "Streaming time to first content");
        _failovers = meter.CreateCounter<long>("ai_provider_failovers", description: "Attempts beyond the first candidate");
        _cacheLookups = meter.CreateCounter<long>("ai_provider_cache_lookups", description: "Response cache lookups by result");
        _circuitTransitions = meter.CreateCounter<long>("ai_provider_circuit_transitions", description: "Circuit breaker state changes");
        _usageDropped = meter.CreateCounter<long>("ai_provider_usage_events_dropped", description: "Usage events lost (buffer full or shutdown)");
        _usagePublishFailures = meter.CreateCounter<long>("ai_provider_usage_publish_failures", description: "Failed publish attempts (retried)");
    }

    public void Request(string provider, string taskType, string model, int status, double seconds)
    {
        _requests.Add(1, new("provider", provider), new("task_type", taskType), new("model", model), new("status", status));
        _duration.Record(seconds, new KeyValuePair<string, object?>("provider", provider), new("model", model));
    }

    public void Overhead(double milliseconds) => _overhead.Record(milliseconds);
    public void TimeToFirstToken(string provider, double seconds) => _timeToFirstToken.Record(seconds, new KeyValuePair<string, object?>("provider", provider));
    public void Failover(string provider) => _failovers.Add(1, new KeyValuePair<string, object?>("provider", provider));
    public void CacheLookup(string result) => _cacheLookups.Add(1, new KeyValuePair<string, object?>("result", result));
    public void CircuitTransition(string key, CircuitStatus state) =>
        _circuitTransitions.Add(1, new KeyValuePair<string, object?>("circuit", key), new("state", state.ToString()));
    public void UsageDropped(long count = 1) => _usageDropped.Add(count);
    public void UsagePublishFailed() => _usagePublishFailures.Add(1);
}
