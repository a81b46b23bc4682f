using Dapr.AiProvider.ProviderAdapters.Configuration;
using Dapr.AiProvider.ProviderAdapters.Tests.Integration;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Configuration;

/// <summary>A bad <c>Providers</c> setting stops provider-adapters at start, with every problem named (both validators run).</summary>
public sealed class ProvidersOptionsStartTests
{
    [Fact]
    public void Start_BadProviderSettings_StopsNamingEverySetting()
    {
        using var factory = new AdapterAppFactory(new Dictionary<string, string?>
        {
            ["Providers:SimulatorUrl"] = "not a url",
            ["Providers:Accounts:0:Models:0:Quality"] = "42",
            ["Logging:LogLevel:Default"] = "Warning",
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Equal(typeof(ProvidersOptions), error.OptionsType);
        Assert.Contains(error.Failures, f => f.Contains("SimulatorUrl", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Quality", StringComparison.Ordinal) && f.Contains("between 1 and 10", StringComparison.Ordinal));
    }
}
