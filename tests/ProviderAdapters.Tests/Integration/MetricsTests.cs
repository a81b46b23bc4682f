using System.Diagnostics.Metrics;
using Dapr.AiProvider.ProviderAdapters.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Integration;

/// <summary>The service meter records calls, classified errors and latency (read with <see cref="MetricCollector{T}"/>).</summary>
[Trait("Category", "Process")]
public sealed class MetricsTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly AdapterAppFactory _app = AdapterAppFactory.ForSimulator(simulator.Url);

    [Fact]
    public async Task Chat_SuccessAndFailure_RecordCallsErrorsAndLatency()
    {
        var meters = _app.Services.GetRequiredService<IMeterFactory>();
        using var calls = new MetricCollector<long>(meters, ProviderAdaptersExtensions.MeterName, "aiprovider.adapter.calls");
        using var errors = new MetricCollector<long>(meters, ProviderAdaptersExtensions.MeterName, "aiprovider.adapter.errors");
        using var latency = new MetricCollector<double>(meters, ProviderAdaptersExtensions.MeterName, "aiprovider.adapter.latency");

        using var client = _app.CreateClient();
        using var ok = await AdapterCalls.PostAsync(client, AdapterCalls.Request("openai", "gpt-4o-mini", "hello"), stream: false);
        using var failed = await AdapterCalls.PostAsync(client, AdapterCalls.Request("anthropic", "claude-haiku-5-5", "hi [[sim:fault=overloaded]]"), stream: false);

        var byProvider = calls.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags["provider"]!);
        Assert.Equal(2, byProvider.Count);
        Assert.Equal(1, byProvider["openai"].Value);
        Assert.Equal("ok", byProvider["openai"].Tags["outcome"]);
        Assert.Equal("unary", byProvider["openai"].Tags["mode"]);
        Assert.Equal("error", byProvider["anthropic"].Tags["outcome"]);
        var error = Assert.Single(errors.GetMeasurementSnapshot());
        Assert.Equal(1, error.Value);
        Assert.Equal("anthropic", error.Tags["provider"]);
        Assert.Equal("overloaded", error.Tags["class"]);
        var timed = Assert.Single(latency.GetMeasurementSnapshot());
        Assert.Equal("openai", timed.Tags["provider"]);
        Assert.True(timed.Value > 0);
        Assert.Equal("ms", latency.Instrument!.Unit);
    }

    public void Dispose() => _app.Dispose();
}
