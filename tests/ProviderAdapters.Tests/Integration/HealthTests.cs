using System.Net.Http.Json;
using Dapr.AiProvider.Contracts.ProviderAdapters;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Integration;

/// <summary>Provider health from traffic and from probes (GET adapters/health).</summary>
[Trait("Category", "Process")]
public sealed class HealthTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Health_Probes_ReportHealthyProvidersAndRejectedKeys()
    {
        using var app = AdapterAppFactory.ForSimulator(simulator.Url,
            ("Providers:HealthProbeInterval", "00:00:00.500"), ("ProviderKeys:gemini-api-key", "wrong-key"));
        using var client = app.CreateClient();
        ProviderHealthReport? report = null;
        for (var i = 0; i < 60; i++)
        {
            report = await client.GetFromJsonAsync("/" + ProviderHealthReport.Route, ProviderAdaptersJsonContext.Default.ProviderHealthReport);
            if (report!.Providers.Single(p => p.Provider == "openai").State != ProviderHealthState.Unknown
                && report.Providers.Single(p => p.Provider == "gemini").State != ProviderHealthState.Unknown)
            {
                break;
            }
            await Task.Delay(250);
        }
        Assert.Equal(ProviderHealthState.Healthy, report!.Providers.Single(p => p.Provider == "openai").State);
        Assert.NotNull(report.Providers.Single(p => p.Provider == "openai").LastSuccessAt);
        Assert.Equal(ProviderHealthState.KeyInvalid, report.Providers.Single(p => p.Provider == "gemini").State);
    }

    [Fact]
    public async Task Health_TrafficFailures_MarkProviderUnhealthyThenHealthyAgain()
    {
        using var app = AdapterAppFactory.ForSimulator(simulator.Url, ("Providers:HealthProbeInterval", "00:00:00"));
        using var client = app.CreateClient();
        using (await AdapterCalls.PostAsync(client, AdapterCalls.Request("anthropic", "claude-haiku-5-5", "hi [[sim:fault=overloaded]]"), stream: false))
        {
        }
        var anthropic = await StateAsync(client, "anthropic");
        Assert.Equal(ProviderHealthState.Unhealthy, anthropic.State);
        Assert.Equal("overloaded", anthropic.Detail);
        Assert.Equal(ProviderHealthState.Unknown, (await StateAsync(client, "tgi")).State);

        using (await AdapterCalls.PostAsync(client, AdapterCalls.Request("anthropic", "claude-haiku-5-5", "hi"), stream: true))
        {
        }
        Assert.Equal(ProviderHealthState.Healthy, (await StateAsync(client, "anthropic")).State);
    }

    private static async Task<ProviderHealth> StateAsync(HttpClient client, string provider) =>
        (await client.GetFromJsonAsync("/" + ProviderHealthReport.Route, ProviderAdaptersJsonContext.Default.ProviderHealthReport))!
            .Providers.Single(p => p.Provider == provider);
}
