using System.Net;
using System.Net.Http.Json;

namespace Dapr.AiProvider.ProviderSimulator.Tests.Faults;

/// <summary>POST/GET/DELETE /_sim/faults and /_sim/requests.</summary>
[Trait("Category", "Process")]
public sealed class ControlApiTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => sim.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ScriptedFault_CountTwo_FailsTwiceThenSucceeds()
    {
        using var client = sim.Bearer();
        await client.AddFaultAsync("openai", "overloaded", count: 2);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostJsonAsync("/openai/v1/chat/completions", Http.Chat("gpt-4o-mini", "hi"));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task ScriptedFault_ForOneModel_LeavesOtherModelsAlone()
    {
        using var client = sim.Bearer();
        await client.AddFaultAsync("openai", "rate_limited", count: null, model: "gpt-4o");

        using var hit = await client.PostJsonAsync("/openai/v1/chat/completions", Http.Chat("gpt-4o", "hi"));
        using var other = await client.PostJsonAsync("/openai/v1/chat/completions", Http.Chat("gpt-4o-mini", "hi"));
        using var again = await client.PostJsonAsync("/openai/v1/chat/completions", Http.Chat("gpt-4o", "hi"));

        Assert.Equal(HttpStatusCode.TooManyRequests, hit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
    }

    [Fact]
    public async Task ScriptedFault_RetryAfterSeconds_UsedInResponse()
    {
        using var client = sim.CreateClient();
        await client.AddFaultAsync("gemini", "rate_limited", retryAfterSeconds: 7.5);
        using var response = await client.PostJsonAsync("/gemini/v1beta/models/gemini-2.5-flash:generateContent",
            """{"contents":[{"parts":[{"text":"hi"}]}]}""", new Dictionary<string, string> { ["x-goog-api-key"] = SimulatorFixture.Key });

        Assert.Contains("\"retryDelay\":\"7.5s\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Faults_ListAndClear_ReflectState()
    {
        using var client = sim.CreateClient();
        await client.AddFaultAsync("anthropic", "overloaded", count: 3);
        var listed = await client.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri("/_sim/faults", UriKind.Relative));
        await client.DeleteAsync(new Uri("/_sim/faults", UriKind.Relative));
        var cleared = await client.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri("/_sim/faults", UriKind.Relative));

        var fault = Assert.Single(listed.GetProperty("faults").EnumerateArray());
        Assert.Equal("overloaded", fault.GetProperty("fault").GetString());
        Assert.Equal(3, fault.GetProperty("remaining").GetInt32());
        Assert.Equal(0, cleared.GetProperty("faults").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"provider":"openai","fault":"meteor_strike"}""", "'fault' must be one of")]
    [InlineData("""{"provider":"azure","fault":"overloaded"}""", "'provider' must be one of")]
    [InlineData("""{"provider":"openai","fault":"overloaded","count":0}""", "'count' and 'retryAfterSeconds'")]
    [InlineData("""{"provider":""", "Body is not valid JSON")]
    public async Task AddFault_BadInput_Returns400(string body, string message)
    {
        using var client = sim.CreateClient();
        using var response = await client.PostJsonAsync("/_sim/faults", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(message, (await response.JsonAsync()).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_CountedPerProviderAndModel_AndReset()
    {
        using var client = sim.Bearer();
        await client.PostJsonAsync("/openai/v1/chat/completions", Http.Chat("gpt-4o-mini", "a"));
        await client.PostJsonAsync("/openai/v1/chat/completions", Http.Chat("gpt-4o-mini", "b"));
        await client.PostJsonAsync("/github/inference/chat/completions", Http.Chat("openai/gpt-4o", "c"));
        var counts = await client.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri("/_sim/requests", UriKind.Relative));
        await client.DeleteAsync(new Uri("/_sim/requests", UriKind.Relative));
        var after = await client.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri("/_sim/requests", UriKind.Relative));

        Assert.Equal(3, counts.GetProperty("total").GetInt32());
        Assert.Equal(2, counts.GetProperty("providers").GetProperty("openai").GetProperty("models").GetProperty("gpt-4o-mini").GetInt32());
        Assert.Equal(1, counts.GetProperty("providers").GetProperty("github").GetProperty("total").GetInt32());
        Assert.Equal(0, after.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task UnknownDirectiveFault_Returns400InProviderShape()
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync("/openai/v1/chat/completions", Http.Chat("gpt-4o-mini", "x [[sim:fault=nope]]"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Unknown simulator fault 'nope'.", (await response.JsonAsync()).GetProperty("error").GetProperty("message").GetString());
    }
}
