using System.Net;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.ProviderAdapters.Pricing;
using Dapr.AiProvider.ProviderAdapters.Tests.Adapters;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Integration;

/// <summary>Every provider family, non-stream and stream, through the real simulator.</summary>
[Trait("Category", "Process")]
public sealed class FamilyRoundTripTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly AdapterAppFactory _app = AdapterAppFactory.ForSimulator(simulator.Url);

    public static TheoryData<string, string> Models => new()
    {
        { "openai", "gpt-4o-mini" },
        { "anthropic", "claude-haiku-5-5" },
        { "gemini", "gemini-2.5-flash" },
        { "huggingface", "meta-llama/Llama-3.1-8B-Instruct" },
        { "groq", "llama-3.1-8b-instant" },
        { "cerebras", "gpt-oss-120b" },
        { "mistral", "mistral-small-latest" },
        { "openrouter", "meta-llama/llama-3.2-3b-instruct:free" },
        { "cloudflare", "@cf/meta/llama-3.1-8b-instruct" },
        { "tgi", "tgi-local" },
        { "ollama", "llama3.1" },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Chat_EachFamily_StreamAndNonStreamAgreeOnTextUsageAndCost(string provider, string model)
    {
        using var client = _app.CreateClient();
        var request = AdapterCalls.Request(provider, model, "Name three colours of the rainbow");

        using var unaryResponse = await AdapterCalls.PostAsync(client, request, stream: false);
        Assert.Equal(HttpStatusCode.OK, unaryResponse.StatusCode);
        var unary = await AdapterCalls.ReadResultAsync(unaryResponse);

        using var streamResponse = await AdapterCalls.PostAsync(client, request, stream: true);
        Assert.Equal(HttpStatusCode.OK, streamResponse.StatusCode);
        Assert.Equal("text/event-stream", streamResponse.Content.Headers.ContentType?.MediaType);
        var stream = await AdapterCalls.ReadStreamAsync(streamResponse);

        var text = unary.Completion.Choices[0].Message.Content;
        Assert.Contains("Simulated answer", text, StringComparison.Ordinal);
        Assert.Equal(text?.Trim(), stream.Text.Trim());
        Assert.Null(stream.Error);
        Assert.Equal(["usage", "done"], stream.Events.TakeLast(2));
        Assert.True(stream.Chunks.Count >= 2, "the answer is relayed in several chunks");

        Assert.Equal(provider, unary.Usage.Provider);
        Assert.True(unary.Usage.Tokens.InputTokens > 0 && unary.Usage.Tokens.OutputTokens > 0);
        Assert.Equal(unary.Usage.Tokens, stream.Usage!.Tokens);
        Assert.Equal(CostCalculator.CostMicros(unary.Usage.Tokens, TestCalls.Prices.Find(provider, model)), unary.Usage.CostMicros);
        Assert.Equal(unary.Usage.CostMicros, stream.Usage.CostMicros);
        Assert.Equal(TestCalls.Prices.Version, stream.Usage.PriceTableVersion);
        Assert.Equal("stop", unary.Usage.FinishReason);
        Assert.Equal(unary.Usage.Tokens.InputTokens, unary.Completion.Usage!.PromptTokens);
    }

    [Fact]
    public async Task Chat_PaidModels_CostIsPositiveAndFreeTierIsZero()
    {
        using var client = _app.CreateClient();
        using var paid = await AdapterCalls.PostAsync(client, AdapterCalls.Request("openai", "gpt-6-sol", "hello"), stream: false);
        using var free = await AdapterCalls.PostAsync(client, AdapterCalls.Request("gemini", "gemini-2.5-flash", "hello"), stream: false);
        Assert.True((await AdapterCalls.ReadResultAsync(paid)).Usage.CostMicros > 0);
        Assert.Equal(0, (await AdapterCalls.ReadResultAsync(free)).Usage.CostMicros);
    }

    [Fact]
    public async Task Chat_OpenAi_ReportsHeadroomFromRateLimitHeaders()
    {
        using var client = _app.CreateClient();
        using var response = await AdapterCalls.PostAsync(client, AdapterCalls.Request("openai", "gpt-4o-mini", "hello"), stream: false);
        var headroom = (await AdapterCalls.ReadResultAsync(response)).Usage.Headroom;
        Assert.NotNull(headroom);
        Assert.True(headroom.RemainingRequests > 0);
        Assert.NotNull(headroom.RequestsResetAt);
    }

    public void Dispose() => _app.Dispose();
}
