using System.Diagnostics.Metrics;

namespace Dapr.AiProvider.ServiceDefaults.Metrics;

/// <summary>
/// Publishes our <see cref="System.Diagnostics.Metrics"/> instruments in prometheus-net's default registry
/// (served at <c>/metrics</c>) under the names operators query: <c>ai_provider_requests_total</c> as a
/// <em>counter</em>, <c>ai_provider_response_duration_seconds</c> as a histogram with the instrument's
/// advised buckets.
/// </summary>
/// <remarks>
/// prometheus-net 8.2.1's own <c>MeterAdapter</c> cannot do this: it prefixes every name with the meter's
/// name and exports every <c>Counter&lt;T&gt;</c> as a gauge (prometheus-net <c>Prometheus/MeterAdapter.cs</c>,
/// <c>TranslateInstrumentNameToPrometheusName</c> and <c>OnMeasurementRecorded</c>), with no option to change
/// either. Our instruments live for the process (one meter per service), so the reason it gives for gauges —
/// instruments re-created and counting from zero again — does not apply. One bridge per process: every host
/// in the process (tests run several) shares the static registry.
/// </remarks>
internal sealed class PrometheusMeterBridge
{
    private static readonly Lock Gate = new();
    private static PrometheusMeterBridge? _started;

    private readonly MeterListener _listener = new();

    private PrometheusMeterBridge()
    {
        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.SetMeasurementEventCallback<byte>(OnMeasurement);
        _listener.SetMeasurementEventCallback<short>(OnMeasurement);
        _listener.SetMeasurementEventCallback<int>(OnMeasurement);
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.SetMeasurementEventCallback<float>(OnMeasurement);
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
        _listener.SetMeasurementEventCallback<decimal>(OnMeasurement);
        _listener.Start();
        // Observable instruments (gauges such as the quota usage ratio) are read when Prometheus scrapes.
        Prometheus.Metrics.DefaultRegistry.AddBeforeCollectCallback(_listener.RecordObservableInstruments);
    }

    /// <summary>
    /// Starts the process's bridge once (later calls do nothing) and turns off prometheus-net's own meter and
    /// event-counter adapters, which would export the same instruments again under prefixed names.
    /// </summary>
    public static void EnsureStarted()
    {
        lock (Gate)
        {
            if (_started is null)
            {
                Prometheus.Metrics.SuppressDefaultMetrics(new Prometheus.SuppressDefaultMetricOptions { SuppressEventCounters = true, SuppressMeters = true });
                _started = new PrometheusMeterBridge();
            }
        }
    }

    /// <summary>
    /// Our meters (<c>Dapr.AiProvider.*</c>) and ASP.NET Core's request metrics; listening to every .NET meter
    /// (HttpClient, Kestrel connections, …) cost about 5 % of the router's CPU per request.
    /// </summary>
    public static bool IsExported(Instrument instrument) =>
        instrument.Meter.Name.StartsWith("Dapr.AiProvider.", StringComparison.Ordinal)
        || instrument.Meter.Name == "Microsoft.AspNetCore.Hosting";

    private static void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (IsExported(instrument) && ExportedInstrument.For(instrument) is { } exported)
        {
            listener.EnableMeasurementEvents(instrument, exported);
        }
    }

    private static void OnMeasurement<T>(Instrument instrument, T measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        where T : struct
    {
        var value = measurement switch
        {
            byte x => x,
            short x => x,
            int x => x,
            long x => x,
            float x => x,
            double x => x,
            decimal x => (double)x,
            _ => double.NaN,
        };
        ((ExportedInstrument)state!).Record(value, tags);
    }
}
