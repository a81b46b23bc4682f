using Dapr.AiProvider.Contracts.Adapters;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Integration;

/// <summary>Cached reads, cache writes and reasoning tokens as each family reports them, normalised, in both modes.</summary>
[Trait("Category", "Process")]
public sealed class UsageDetailTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly AdapterAppFactory _app = AdapterAppFactory.ForSimulator(simulator.Url);

    [Theory]
    [InlineData("openai", "gpt-4o-mini", 0, 50)]
    [InlineData("anthropic", "claude-haiku-5-5", 40, 0)]
    [InlineData("gemini", "gemini-2.5-pro", 0, 50)]
    public async Task Chat_CacheAndReasoningDirectives_NormalisedTheSameInBothModes(string provider, string model, int cacheWrite, int reasoning)
    {
        using var client = _app.CreateClient();
        var directive = $"[[sim:cached=300,cache_write={cacheWrite},reasoning={reasoning}]]";
        var request = AdapterCalls.Request(provider, model, "Summarise the report " + directive);

        using var unaryResponse = await AdapterCalls.PostAsync(client, request, stream: false);
        var unary = (await AdapterCalls.ReadResultAsync(unaryResponse)).Usage;
        using var streamResponse = await AdapterCalls.PostAsync(client, request, stream: true);
        var streamed = (await AdapterCalls.ReadStreamAsync(streamResponse)).Usage!;

        Assert.Equal(300, unary.Tokens.CachedInputTokens);
        Assert.Equal(cacheWrite, unary.Tokens.CacheWriteTokens);
        Assert.Equal(reasoning, unary.Tokens.ReasoningTokens);
        Assert.True(unary.Tokens.InputTokens > 300 + cacheWrite, "the prompt includes cached reads and cache writes");
        Assert.True(unary.Tokens.OutputTokens > reasoning, "output includes reasoning");
        Assert.Equal(unary.Tokens, streamed.Tokens);
        Assert.Equal(unary.CostMicros, streamed.CostMicros);
        Assert.True(unary.CostMicros > 0);
    }

    public void Dispose() => _app.Dispose();
}
