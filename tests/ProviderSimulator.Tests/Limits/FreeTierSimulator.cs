using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dapr.AiProvider.ProviderSimulator.Tests.Limits;

/// <summary>The simulator with free-tier enforcement on, on a fake clock (2026-12-06 12:00 Pacific = 20:00 UTC), plus extra settings.</summary>
public sealed class FreeTierSimulator(params (string Key, string Value)[] settings) : WebApplicationFactory<Program>
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 6, 20, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        builder.UseSetting("Simulator:FreeTiers:Enforce", "true");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public HttpClient Bearer()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SimulatorFixture.Key);
        return client;
    }
}
