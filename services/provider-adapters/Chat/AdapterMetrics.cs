using System.Diagnostics.Metrics;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.ProviderAdapters.Hosting;

namespace Dapr.AiProvider.ProviderAdapters.Chat;

/// <summary>The service's meter: calls, classified errors and provider latency (low-cardinality tags).</summary>
internal sealed class AdapterMetrics
{
    private readonly Counter<long> _calls;
    private readonly Counter<long> _errors;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _costMicros;

    public AdapterMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(ProviderAdaptersExtensions.MeterName);
        _calls = meter.CreateCounter<long>("aiprovider.adapter.calls", description: "Provider calls by provider, mode and outcome");
        _errors = meter.CreateCounter<long>("aiprovider.adapter.errors", description: "Classified provider failures by provider and class");
        _latency = meter.CreateHistogram<double>("aiprovider.adapter.latency", unit: "ms", description: "Provider call latency");
        _costMicros = meter.CreateCounter<long>("aiprovider.adapter.cost", unit: "µUSD", description: "Cost of completed calls");
    }

    public void Succeeded(string provider, bool stream, double latencyMs, long costMicros)
    {
        var mode = new KeyValuePair<string, object?>("mode", stream ? "stream" : "unary");
        var providerTag = new KeyValuePair<string, object?>("provider", provider);
        _calls.Add(1, providerTag, mode, new("outcome", "ok"));
        _latency.Record(latencyMs, providerTag, mode);
        _costMicros.Add(costMicros, providerTag);
    }

    public void Failed(string provider, bool stream, ErrorClass error)
    {
        var providerTag = new KeyValuePair<string, object?>("provider", provider);
        _calls.Add(1, providerTag, new("mode", stream ? "stream" : "unary"), new("outcome", "error"));
        _errors.Add(1, providerTag, new("class", ErrorClassNames.Of(error)));
    }
}
