using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Providers;
using Dapr.AiProvider.ProviderAdapters.Configuration;
using Dapr.AiProvider.ProviderAdapters.Providers;
using Dapr.AiProvider.ProviderAdapters.Registry;
using Dapr.AiProvider.ProviderAdapters.Tests.Adapters;
using Microsoft.Extensions.Configuration;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Registry;

/// <summary>The provider set rebuilt from the registry (#17.6): what changes, what stays when a setting is bad.</summary>
public sealed class ProviderRegistryApplyTests
{
    private static ProviderAccountOptions Account(string id, long rpm = 30, bool priced = true, bool enabled = true) => new()
    {
        Id = id, Family = "openai-compatible", BaseUrl = $"https://{id}.example.test/v1", SimulatorPath = "/openai/v1", ApiKeySecret = id + "-key",
        Enabled = enabled,
        Models =
        [
            new ModelOptions { Model = "free-one", FreeTier = true, FreeWindows = new FreeWindowOptions { Rpm = rpm, Rpd = 1000 } },
            new ModelOptions { Model = "paid-one", Price = priced ? new ModelPrice { InputPerMTokMicros = 100_000, OutputPerMTokMicros = 400_000 } : null },
        ],
    };

    private static ProviderRegistry Start(params ProviderAccountOptions[] accounts) =>
        new(new ProvidersOptions { Accounts = [.. accounts] }, TestCalls.Prices);

    [Fact]
    public void Apply_AddsChangesAndRemovesProviders_AtOnce()
    {
        var registry = Start(Account("old"));

        var refused = registry.Apply([Account("acme", rpm: 7), Account("off", enabled: false)]);

        Assert.Empty(refused);
        Assert.Equal(["acme"], registry.Accounts.Select(a => a.Id));
        Assert.True(registry.TryGet("acme", "free-one", out var account, out var free));
        Assert.Equal(7, free.FreeWindows!.RequestsPerMinute);
        Assert.Equal("model", free.FreeWindows.Scope);
        Assert.True(registry.TryGet("acme", "paid-one", out _, out var paid));
        Assert.Equal(400_000, paid.Price.OutputPerMTokMicros);
        Assert.Equal("https://acme.example.test/v1/chat/completions", account.Endpoint("chat/completions").AbsoluteUri);
        Assert.False(registry.TryGet("old", "free-one", out _, out _));
    }

    [Fact]
    public void Apply_AnAccountThatDoesNotBuild_KeepsItsLastGoodVersion_NewOneStaysOut()
    {
        var registry = Start(Account("acme", rpm: 7));

        var refused = registry.Apply([Account("acme", rpm: 9, priced: false), Account("fresh", priced: false), Account("other")]);

        Assert.Equal(["acme", "fresh"], refused.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("acme/paid-one", refused["acme"][0], StringComparison.Ordinal);
        Assert.Equal(["acme", "other"], registry.Accounts.Select(a => a.Id).Order(StringComparer.Ordinal));
        Assert.True(registry.TryGet("acme", "free-one", out _, out var kept));
        Assert.Equal(7, kept.FreeWindows!.RequestsPerMinute);
    }

    [Fact]
    public void Apply_ConfigurationOverridesStillWin_OverTheRegistrysWindows()
    {
        var options = new ProvidersOptions { Accounts = [Account("acme")] };
        options.FreeWindowOverrides["acme/free-one"] = new FreeWindowOptions { Rpd = 5 };
        var registry = new ProviderRegistry(options, TestCalls.Prices);

        registry.Apply([Account("acme", rpm: 11)]);

        Assert.True(registry.TryGet("acme", "free-one", out _, out var model));
        Assert.Equal(11, model.FreeWindows!.RequestsPerMinute);
        Assert.Equal(5, model.FreeWindows.RequestsPerDay);
    }

    [Fact]
    public void Seed_OfProvidersJson_ReadsBackAsTheSameCatalog_EveryPaidModelPriced()
    {
        var options = new ProvidersOptions();
        new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "providers.json")).Build()
            .GetSection(ProvidersOptions.Section).Bind(options);
        Assert.True(options.Accounts.Count >= 10);
        var fromFile = new ProviderRegistry(options, TestCalls.Prices);

        var seeds = options.Accounts.Select(a => RegistrySettings.ToSeed(a, TestCalls.Prices)).ToList();
        var readBack = seeds.Select((seed, i) => RegistrySettings.ToAccount(new ProviderEntry(options.Accounts[i].Id, options.Accounts[i].Enabled, "seed", 1,
            DateTimeOffset.UnixEpoch, JsonSerializer.SerializeToElement(seed)))).ToList();
        var fromRegistry = Start();
        Assert.Empty(fromRegistry.Apply(readBack));

        foreach (var seed in seeds)
        {
            Assert.All(seed.GetProperty("models").EnumerateArray().Where(m => !m.TryGetProperty("freeTier", out var f) || !f.GetBoolean()),
                m => Assert.True(m.TryGetProperty("price", out _), $"{seed.GetProperty("id")}/{m.GetProperty("model")} has no price"));
        }
        string Catalog(ProviderRegistry r) => JsonSerializer.Serialize(
            new ModelCatalog { Models = [.. r.Accounts.OrderBy(a => a.Id, StringComparer.Ordinal).SelectMany(a => a.Models.Values)] },
            ContractsJsonContext.Default.ModelCatalog);
        Assert.Equal(Catalog(fromFile), Catalog(fromRegistry));
    }
}
