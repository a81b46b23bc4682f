using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Auth;

namespace Dapr.AiProvider.Router.Tests.Security;

public class AllowListTests
{
    [Fact]
    public void Parse_Empty_AllowsEverything() => Assert.Null(AllowList.Parse([]));

    [Theory]
    [InlineData("openai")]
    [InlineData("openai/*")]
    [InlineData(" OpenAI / * ")]
    public void Parse_ProviderEntry_AllowsEveryModelOfThatProvider(string entry)
    {
        var list = AllowList.Parse([entry])!;

        Assert.True(list.ProviderLevelOnly);
        Assert.True(list.Permits("openai", "openai/gpt-4o"));
        Assert.False(list.Permits("anthropic", "anthropic/claude-haiku"));
    }

    [Fact]
    public void Parse_ModelEntry_AllowsOnlyThatModelButCountsItsProvider()
    {
        var list = AllowList.Parse(["openai/gpt-4o-mini", "gemini"])!;

        Assert.False(list.ProviderLevelOnly);
        Assert.True(list.Permits("openai", "OpenAI/GPT-4o-mini"));
        Assert.False(list.Permits("openai", "openai/gpt-4o"));
        Assert.True(list.Permits("gemini", "gemini/gemini-2.0-flash"));
        Assert.Equal(["gemini", "openai"], list.Providers.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ToIdentity_ModelEntries_NarrowRoutingToThoseModels()
    {
        var identity = DatabaseKeyAuthenticator.ToIdentity(new KeyRecord { Id = "k1", Role = "service", AllowedModels = ["openai/gpt-4o"] });

        Assert.Equal(["openai"], identity.AllowedProviders!);
        Assert.False(identity.AllowedModels!.Permits("openai", "openai/gpt-4o-mini"));
    }

    [Fact]
    public void ToIdentity_ProviderEntriesOnly_SkipTheModelCheck()
    {
        var identity = DatabaseKeyAuthenticator.ToIdentity(new KeyRecord { Id = "k1", Role = "service", AllowedModels = ["openai/*"] });

        Assert.Null(identity.AllowedModels);
    }
}
