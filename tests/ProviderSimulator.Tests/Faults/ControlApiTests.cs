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

    /// <summary>
    /// What the answers produced, to compare with a gateway's ledger: a complete answer its usage report's figures; a
    /// stream the client left early (paced by <c>[[sim:tps=N]]</c>, so it is still being written) the pieces written.
    /// </summary>
    [Fact]
    public async Task Requests_Produced_CompleteAnswersAsReported_ACutStreamWhatItWrote()
    {
        using var client = sim.Bearer();
        using var whole = await client.PostJsonAsync("/openai/v1/chat/completions", Http.Chat("gpt-4o-mini", "complete answer please"));
        var usage = (await whole.JsonAsync()).GetProperty("usage");
        using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/openai/v1/chat/completions", UriKind.Relative))
        {
            Content = new StringContent(Http.Chat("gpt-4o-mini", "left early [[sim:tps=5,words=60]]", stream: true), System.Text.Encoding.UTF8, "application/json"),
        })
        using (var cut = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new StreamReader(await cut.Content.ReadAsStreamAsync());
            while (await reader.ReadLineAsync() is { } line && !line.Contains("Simulated", StringComparison.Ordinal))
            {
            }
        } // the client leaves after the first content piece ("Simulated "), with about 60 words still to come at 5 tokens a second

        System.Text.Json.JsonElement produced = default;
        for (var i = 0; i < 200; i++) // the simulator notices the hang-up on its next write or pause
        {
            var counts = await client.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri("/_sim/requests", UriKind.Relative));
            produced = counts.GetProperty("produced").GetProperty("openai").GetProperty("gpt-4o-mini");
            if (produced.GetProperty("cut").GetInt32() == 1)
            {
                break;
            }
            await Task.Delay(25);
        }

        Assert.Equal(1, produced.GetProperty("complete").GetInt32());
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt64(), produced.GetProperty("completePromptTokens").GetInt64());
        Assert.Equal(usage.GetProperty("completion_tokens").GetInt64(), produced.GetProperty("completeOutputTokens").GetInt64());
        Assert.Equal(1, produced.GetProperty("cut").GetInt32());
        Assert.True(produced.GetProperty("cutPromptTokens").GetInt64() > 0);
        // At least the piece read, far from the ~70 tokens of the whole answer.
        Assert.InRange(produced.GetProperty("cutOutputTokens").GetInt64(), 1, 20);
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
