using System.Net;

namespace Dapr.AiProvider.ProviderSimulator.Tests.GitHub;

/// <summary>GitHub Models: 429 variants with x-ratelimit-type, auth, catalog.</summary>
[Trait("Category", "Process")]
public sealed class GitHubTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private const string Path = "/github/inference/chat/completions";

    [Fact]
    public async Task RateLimited_Returns429UserByModelByMinute()
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync(Path, Http.Chat("openai/gpt-4o", "x [[sim:fault=rate_limited,retry=46]]"));
        var error = (await response.JsonAsync()).GetProperty("error");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("RateLimitReached", error.GetProperty("code").GetString());
        Assert.Equal("Rate limit of 15 per 60s exceeded for UserByModelByMinute. Please wait 46 seconds before retrying.", error.GetProperty("message").GetString());
        Assert.Equal("UserByModelByMinute", response.Header("x-ratelimit-type"));
        Assert.Equal("46", response.Header("retry-after"));
    }

    [Fact]
    public async Task QuotaExhausted_Returns429UserByModelByDayUntilMidnight()
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync(Path, Http.Chat("openai/gpt-4o", "x [[sim:fault=quota_exhausted]]"));
        var retry = int.Parse(response.Header("retry-after"), System.Globalization.CultureInfo.InvariantCulture);
        var untilMidnight = (DateTime.UtcNow.Date.AddDays(1) - DateTime.UtcNow).TotalSeconds;

        Assert.Equal("UserByModelByDay", response.Header("x-ratelimit-type"));
        Assert.InRange(retry, untilMidnight - 5, untilMidnight + 5);
    }

    [Fact]
    public async Task ContextLength_Returns413TokensLimitReached()
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync(Path, Http.Chat("openai/gpt-4o", "x [[sim:fault=context_length]]"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("tokens_limit_reached", (await response.JsonAsync()).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Success_HasNoRemainingQuotaHeaders()
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync(Path, Http.Chat("openai/gpt-4o", "x"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key.StartsWith("x-ratelimit", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task NoToken_Returns401Unauthorized()
    {
        using var client = sim.CreateClient();
        using var response = await client.PostJsonAsync(Path, Http.Chat("openai/gpt-4o", "x"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", (await response.JsonAsync()).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Catalog_ListsModelsWithTierAndLimits()
    {
        using var client = sim.Bearer();
        var models = await (await client.GetAsync(new Uri("/github/catalog/models", UriKind.Relative))).JsonAsync();
        var gpt = models.EnumerateArray().Single(m => m.GetProperty("id").GetString() == "openai/gpt-4o-mini");

        Assert.Equal("openai", gpt.GetProperty("publisher").GetString());
        Assert.Equal("low", gpt.GetProperty("rate_limit_tier").GetString());
        Assert.True(gpt.GetProperty("limits").GetProperty("max_output_tokens").GetInt32() > 0);
    }
}
