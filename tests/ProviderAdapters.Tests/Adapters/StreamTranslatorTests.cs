using Dapr.AiProvider.ProviderAdapters.Streaming;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Adapters;

/// <summary>Recorded streams that do not end normally.</summary>
public sealed class StreamTranslatorTests
{
    [Fact]
    public async Task OpenAiCompatible_InBandErrorFrame_IsAnErrorNotAChunk()
    {
        var call = TestCalls.Call("ollama", "openai-compatible", "llama3.1");
        var (translator, chunks, ended) = await TestCalls.ReplayAsync(call, "openai/stream-inband-error.sse");
        Assert.False(ended);
        Assert.Contains("overloaded", translator.InBandError, StringComparison.OrdinalIgnoreCase);
        Assert.Single(chunks);
    }

    [Fact]
    public async Task Anthropic_ErrorEventAfter200_IsInBandOverloaded()
    {
        var call = TestCalls.Call("anthropic", "anthropic", "claude-haiku-5-5");
        var (translator, _, ended) = await TestCalls.ReplayAsync(call, "anthropic/stream-overloaded.sse");
        Assert.False(ended);
        Assert.Equal("overloaded_error: Overloaded", translator.InBandError);
    }

    [Fact]
    public async Task Gemini_BodyEndsWithoutFinishReason_IsNotComplete()
    {
        var call = TestCalls.Call("gemini", "gemini", "gemini-2.5-pro");
        var (translator, chunks, ended) = await TestCalls.ReplayAsync(call, "gemini/stream-cut.sse");
        Assert.False(ended);
        Assert.Null(translator.InBandError);
        Assert.Equal("Paris", TestCalls.Text(chunks));
    }

    [Fact]
    public async Task OpenAi_StreamWithoutDone_IsNotComplete()
    {
        var call = TestCalls.Call("openai", "openai", "gpt-4o-mini");
        var text = await File.ReadAllTextAsync(TestCalls.Golden("openai/stream.sse"));
        var cut = text[..text.IndexOf("data: [DONE]", StringComparison.Ordinal)];
        var translator = TestCalls.Family("openai").CreateStreamTranslator(call);
        await using var reader = new SseReader(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(cut)));
        var chunks = new List<Dapr.AiProvider.Contracts.Chat.ChatCompletionChunk>();
        while (await reader.ReadAsync(CancellationToken.None) is { } sse)
        {
            translator.Translate(sse, chunks);
        }
        Assert.False(translator.CompleteAtEndOfStream());
        Assert.Equal(1200, translator.Usage.InputTokens);
    }
}
