using Dapr.AiProvider.ProviderAdapters.Configuration;
using Dapr.AiProvider.ProviderAdapters.Pricing;
using Dapr.AiProvider.ProviderAdapters.Providers;
using Dapr.AiProvider.ProviderAdapters.Tests.Adapters;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Configuration;

public sealed class ProvidersOptionsValidationTests
{
    private static ProvidersOptions Valid() => new()
    {
        Accounts =
        [
            new ProviderAccountOptions
            {
                Id = "openai", Family = "openai", BaseUrl = "https://api.openai.com/v1", SimulatorPath = "/openai/v1",
                ApiKeySecret = "openai-api-key",
                Models = [new ModelOptions { Model = "gpt-4o-mini", ContextWindow = 128000, MaxOutputTokens = 16384 }],
            },
        ],
    };

    [Fact]
    public void Validate_ValidOptions_Succeeds()
    {
        Assert.True(new ProvidersOptionsValidator().Validate(null, Valid()).Succeeded);
        Assert.True(new ProvidersCrossFieldValidator().Validate(null, Valid()).Succeeded);
    }

    [Fact]
    public void Validate_CrossFieldErrors_ListsEveryOne()
    {
        var options = Valid();
        options.SimulatorUrl = "not a url";
        options.Accounts.Add(new ProviderAccountOptions
        {
            Id = "openai", Family = "martian", BaseUrl = "ftp://x",
            Models = [new ModelOptions { Model = "m", ContextWindow = 100, MaxOutputTokens = 200 }, new ModelOptions { Model = "m" }],
        });
        var result = new ProvidersCrossFieldValidator().Validate(null, options);
        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("SimulatorUrl", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("duplicate provider id", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("unknown family 'martian'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("BaseUrl", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("listed twice", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("above its ContextWindow", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("SimulatorPath is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_DataAnnotations_RejectMissingFieldsInNestedModels()
    {
        var options = Valid();
        options.Accounts[0].Models[0].Model = "";
        options.Accounts[0].Models[0].Quality = 42;
        var result = new ProvidersOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Model", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Quality", StringComparison.Ordinal));
    }

    [Fact]
    public void Registry_PaidModelWithoutPrice_StopsStart()
    {
        var options = Valid();
        options.Accounts[0].Models.Add(new ModelOptions { Model = "gpt-unpriced" });
        var error = Assert.Throws<InvalidOperationException>(() => new ProviderRegistry(options, TestCalls.Prices));
        Assert.Contains("openai/gpt-unpriced", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_SimulatorMode_PointsEveryAccountAtTheSimulator()
    {
        var options = Valid();
        options.SimulatorUrl = "http://127.0.0.1:9100/";
        var registry = new ProviderRegistry(options, TestCalls.Prices);
        Assert.Equal("http://127.0.0.1:9100/openai/v1/chat/completions", registry.Accounts.Single().Endpoint("chat/completions").AbsoluteUri);
    }

    [Fact]
    public void PriceTable_NegativePrice_IsRejected()
    {
        var file = new PriceFile { Version = "v1", Models = new() { ["a/b"] = new PriceFileEntry { Input = -1 } } };
        Assert.Throws<InvalidOperationException>(() => PriceTableLoader.FromFile(file, "test"));
    }
}
