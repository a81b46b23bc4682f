using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dapr.AiProvider.EndToEnd.Tests;

[Collection(GatewayCollection.Name)]
[Trait("Category", "Process")]
public sealed class ChatCompletionsTests(GatewayStack stack)
{
    [Fact]
    public async Task ChatCompletions_ValidRequest_ReturnsCompletionAndWritesOneLedgerRow()
    {
        using var response = await stack.Client.PostAsJsonAsync("/v1/chat/completions", new
        {
            model = "auto",
            messages = new[] { new { role = "user", content = "Say hello to the ledger " + Guid.NewGuid() } },
        });

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body + "\n" + stack.LauncherOutput);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("chat.completion", json.RootElement.GetProperty("object").GetString());
        var content = json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        Assert.False(string.IsNullOrWhiteSpace(content));
        Assert.True(json.RootElement.GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);

        var requestId = Assert.Single(response.Headers.GetValues("x-aiprovider-request-id"));
        var rows = await Ledger.WaitForUsageRowsAsync(stack.Ledger.ConnectionString, requestId, TimeSpan.FromSeconds(30));
        Assert.Equal(1, rows);
    }

    [Fact]
    public async Task ChatCompletions_SameDeterministicRequestTwice_SecondIsServedFromCache()
    {
        var request = new
        {
            model = "auto",
            temperature = 0,
            messages = new[] { new { role = "user", content = "Cache me " + Guid.NewGuid() } },
        };

        using var first = await stack.Client.PostAsJsonAsync("/v1/chat/completions", request);
        using var second = await stack.Client.PostAsJsonAsync("/v1/chat/completions", request);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("MISS", Assert.Single(first.Headers.GetValues("x-aiprovider-cache")));
        Assert.Equal("HIT", Assert.Single(second.Headers.GetValues("x-aiprovider-cache")));
        Assert.Equal(ContentOf(await first.Content.ReadAsStringAsync()), ContentOf(await second.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task ChatCompletions_FirstChoiceProviderFailing_AnswerComesFromAnotherProvider()
    {
        var prompt = "Fail over " + Guid.NewGuid();
        using var baseline = await stack.Client.PostAsJsonAsync("/v1/chat/completions", Request(prompt));
        Assert.Equal(HttpStatusCode.OK, baseline.StatusCode);
        var firstChoice = Assert.Single(baseline.Headers.GetValues("x-aiprovider-provider"));

        using var simulator = new HttpClient { BaseAddress = stack.SimulatorUrl };
        using (var fault = await simulator.PostAsJsonAsync("/_sim/faults", new { provider = SimulatorProvider(firstChoice), fault = "server_error" }))
        {
            Assert.True(fault.IsSuccessStatusCode, await fault.Content.ReadAsStringAsync());
        }
        try
        {
            using var response = await stack.Client.PostAsJsonAsync("/v1/chat/completions", Request(prompt + " again"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEqual(firstChoice, Assert.Single(response.Headers.GetValues("x-aiprovider-provider")));
            var attempts = int.Parse(Assert.Single(response.Headers.GetValues("x-aiprovider-attempts")), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(attempts >= 2, $"attempts = {attempts}");
        }
        finally
        {
            using var _ = await simulator.DeleteAsync("/_sim/faults");
        }
    }

    private static object Request(string prompt) => new
    {
        model = "auto",
        temperature = 0.7,
        messages = new[] { new { role = "user", content = prompt } },
    };

    /// <summary>
    /// The simulator names a provider by the first segment of the account's <c>SimulatorPath</c> in
    /// <c>services/provider-adapters/providers.json</c>: github-models is its "github", ollama (local, free, no window —
    /// a first choice of "auto" as often as any free tier) its "openai-compatible", copilot its "openai".
    /// </summary>
    private static string SimulatorProvider(string provider) => provider switch
    {
        "github-models" => "github",
        "ollama" => "openai-compatible",
        "copilot" => "openai",
        _ => provider,
    };

    private static string? ContentOf(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
    }
}
