using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Integration;

/// <summary>The provider-adapters app in-process, configured by settings (simulator URL, timeouts, keys).</summary>
public sealed class AdapterAppFactory(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public static AdapterAppFactory ForSimulator(string simulatorUrl, params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AIPROVIDER_SIMULATOR_URL"] = simulatorUrl,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        return new AdapterAppFactory(settings);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // No quota here: the providers are the configured ones (a sidecar another test left on :3500 is not ours to ask).
        builder.UseSetting("Providers:Registry:RefreshInterval", "00:00:00");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
