using System.Diagnostics.Metrics;
using Dapr.AiProvider.ProviderAdapters.Hosting;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Integration;

/// <summary>The service meter records calls, classified errors and latency.</summary>
[Trait("Category", "Process")]
public sealed class MetricsTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly AdapterAppFactory _app = AdapterAppFactory.ForSimulator(simulator.Url);

    [Fact]
    public async Task Chat_SuccessAndFailure_RecordCallsErrorsAndLatency()
    {
        var measurements = new List<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ProviderAdaptersExtensions.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }
            lock (measurements)
            {
                measurements.Add((instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), copy));
            }
        }
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.Start();

        using var client = _app.CreateClient();
        using var ok = await AdapterCalls.PostAsync(client, AdapterCalls.Request("openai", "gpt-4o-mini", "hello"), stream: false);
        using var failed = await AdapterCalls.PostAsync(client, AdapterCalls.Request("anthropic", "claude-haiku-5-5", "hi [[sim:fault=overloaded]]"), stream: false);

        lock (measurements)
        {
            Assert.Contains(measurements, m => m.Instrument == "aiprovider.adapter.calls" && (string?)m.Tags["provider"] == "openai" && (string?)m.Tags["outcome"] == "ok");
            Assert.Contains(measurements, m => m.Instrument == "aiprovider.adapter.latency" && (string?)m.Tags["provider"] == "openai" && m.Value > 0);
            Assert.Contains(measurements, m => m.Instrument == "aiprovider.adapter.errors" && (string?)m.Tags["provider"] == "anthropic" && (string?)m.Tags["class"] == "overloaded");
        }
    }

    public void Dispose() => _app.Dispose();
}
