using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dapr.AiProvider.ProviderSimulator.Tests;

/// <summary>The simulator in-process (one per test class), with helpers to call it.</summary>
public sealed class SimulatorFixture : WebApplicationFactory<Program>
{
    public const string Key = "sim-key";

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
        builder.UseSetting("Simulator:StallSeconds", "2").UseSetting("Simulator:SlowDripTokensPerSecond", "20");

    public HttpClient Bearer(string key = Key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Resets faults and request counts between tests.</summary>
    public async Task ResetAsync()
    {
        using var client = CreateClient();
        await client.DeleteAsync(new Uri("/_sim/faults", UriKind.Relative));
        await client.DeleteAsync(new Uri("/_sim/requests", UriKind.Relative));
    }
}
