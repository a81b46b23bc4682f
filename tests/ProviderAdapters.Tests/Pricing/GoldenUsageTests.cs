using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.ProviderAdapters.Pricing;
using Dapr.AiProvider.ProviderAdapters.Tests.Adapters;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Pricing;

/// <summary>
/// Recorded wire samples per family and mode → normalised usage → exact cost from prices.json. The two
/// modes of a family must agree to the micro-dollar.
/// </summary>
public sealed class GoldenUsageTests
{
    // gpt-4o-mini: 200 uncached × $0.15 + 1000 cached × $0.075 + 300 output × $0.60 per 1M = 285 µ$.
    private static readonly TokenUsage OpenAiUsage = new() { InputTokens = 1200, CachedInputTokens = 1000, OutputTokens = 300, ReasoningTokens = 100 };
    // claude-sonnet-4-0: 100 × $3 + 2000 reads × $0.30 + 500 writes × $3.75 + 250 × $15 per 1M = 6525 µ$.
    private static readonly TokenUsage AnthropicUsage = new() { InputTokens = 2600, CachedInputTokens = 2000, CacheWriteTokens = 500, OutputTokens = 250 };
    // gemini-2.5-pro: 600 × $1.25 + 400 cached × $0.3125 + (200 + 300 thoughts) × $10 per 1M = 5875 µ$.
    private static readonly TokenUsage GeminiUsage = new() { InputTokens = 1000, CachedInputTokens = 400, OutputTokens = 500, ReasoningTokens = 300 };

    [Fact]
    public async Task OpenAi_NonStream_PromptIncludesCachedAndCostIsExact()
    {
        var call = TestCalls.Call("openai", "openai", "gpt-4o-mini");
        var wire = await TestCalls.ReadGoldenAsync(call, "openai/completion.json");
        Assert.Equal(OpenAiUsage, wire.Usage);
        Assert.Equal(285, Cost(call, wire.Usage));
        Assert.Equal("Hello there!", wire.Completion.Choices[0].Message.Content);
    }

    [Fact]
    public async Task OpenAi_Stream_UsageChunkGivesSameUsageAndCost()
    {
        var call = TestCalls.Call("openai", "openai", "gpt-4o-mini");
        var (translator, chunks, ended) = await TestCalls.ReplayAsync(call, "openai/stream.sse");
        Assert.True(ended);
        Assert.Equal(OpenAiUsage, translator.Usage);
        Assert.Equal(285, Cost(call, translator.Usage));
        Assert.Equal("Hello there!", TestCalls.Text(chunks));
        Assert.All(chunks, c => Assert.Null(c.Usage));
        Assert.Equal("stop", translator.FinishReason);
    }

    [Fact]
    public async Task Anthropic_NonStream_InputAddsCacheReadsAndWrites()
    {
        var call = TestCalls.Call("anthropic", "anthropic", "claude-sonnet-4-0");
        var wire = await TestCalls.ReadGoldenAsync(call, "anthropic/message.json");
        Assert.Equal(AnthropicUsage, wire.Usage);
        Assert.Equal(6525, Cost(call, wire.Usage));
        var choice = wire.Completion.Choices[0];
        Assert.Equal("The weather is sunny.", choice.Message.Content);
        Assert.Equal("tool_calls", choice.FinishReason);
        Assert.Contains("San Francisco", choice.Message.ToolCalls!.Value.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anthropic_Stream_FinalMessageDeltaWinsWithoutDoubleCounting()
    {
        var call = TestCalls.Call("anthropic", "anthropic", "claude-sonnet-4-0");
        var (translator, chunks, ended) = await TestCalls.ReplayAsync(call, "anthropic/stream.sse");
        Assert.True(ended);
        Assert.Equal(AnthropicUsage, translator.Usage);
        Assert.Equal(6525, Cost(call, translator.Usage));
        Assert.Equal("The weather is sunny.", TestCalls.Text(chunks));
        var arguments = string.Concat(chunks.SelectMany(c => c.Choices).Where(c => c.Delta.ToolCalls is not null)
            .Select(c => c.Delta.ToolCalls!.Value[0].GetProperty("function").GetProperty("arguments").GetString()));
        Assert.Equal("{\"location\": \"San Francisco, CA\"}", arguments);
        Assert.Equal("tool_calls", translator.FinishReason);
    }

    [Fact]
    public async Task Gemini_NonStream_ThoughtsCountAsOutputAndCachedIsInsidePrompt()
    {
        var call = TestCalls.Call("gemini", "gemini", "gemini-2.5-pro");
        var wire = await TestCalls.ReadGoldenAsync(call, "gemini/response.json");
        Assert.Equal(GeminiUsage, wire.Usage);
        Assert.Equal(5875, Cost(call, wire.Usage));
        Assert.Equal("Paris is the capital.", wire.Completion.Choices[0].Message.Content);
    }

    [Fact]
    public async Task Gemini_Stream_LastFrameUsageAndFinishReasonEndTheStream()
    {
        var call = TestCalls.Call("gemini", "gemini", "gemini-2.5-pro");
        var (translator, chunks, ended) = await TestCalls.ReplayAsync(call, "gemini/stream.sse");
        Assert.True(ended);
        Assert.Equal(GeminiUsage, translator.Usage);
        Assert.Equal(5875, Cost(call, translator.Usage));
        Assert.Equal("Paris is the capital.", TestCalls.Text(chunks));
    }

    [Fact]
    public async Task Tgi_BothModes_UseInputLengthAndGeneratedTokensAtZeroCost()
    {
        var call = TestCalls.Call("tgi", "tgi", "tgi-local");
        var wire = await TestCalls.ReadGoldenAsync(call, "tgi/generate.json");
        var (translator, chunks, ended) = await TestCalls.ReplayAsync(call, "tgi/stream.sse");
        Assert.Equal(new TokenUsage { InputTokens = 7, OutputTokens = 9 }, wire.Usage);
        Assert.Equal(new TokenUsage { InputTokens = 7, OutputTokens = 3 }, translator.Usage);
        Assert.True(ended);
        Assert.Equal(" Deep learning", TestCalls.Text(chunks));
        Assert.Equal(0, Cost(call, wire.Usage));
    }

    [Fact]
    public void CostMicros_FractionalMicroDollars_RoundsUpOnce()
    {
        var price = TestCalls.Prices.Find("openai", "gpt-4o-mini");
        // 10 × 0.15 = 1.5 µ$ → 2; 3 cached × 0.075 + 1 × 0.6 = 0.825 µ$ → 1 (summed before rounding, not 1 + 1).
        Assert.Equal(2, CostCalculator.CostMicros(new TokenUsage { InputTokens = 10 }, price));
        Assert.Equal(1, CostCalculator.CostMicros(new TokenUsage { InputTokens = 3, CachedInputTokens = 3, OutputTokens = 1 }, price));
        Assert.Equal(0, CostCalculator.CostMicros(TokenUsage.Zero, price));
    }

    [Fact]
    public void CostMicros_FreeTierAndUnpricedModels_CostNothing()
    {
        var usage = new TokenUsage { InputTokens = 1_000_000, OutputTokens = 1_000_000 };
        Assert.Equal(0, CostCalculator.CostMicros(usage, TestCalls.Prices.Find("gemini", "gemini-2.5-flash")));
        Assert.Equal(0, CostCalculator.CostMicros(usage, TestCalls.Prices.Find("github-models", "openai/gpt-4o-mini")));
        Assert.Equal(0, CostCalculator.CostMicros(usage, null));
        Assert.Equal(12_000_000, CostCalculator.CostMicros(usage, TestCalls.Prices.Find("openai", "gpt-6-sol")));
    }

    [Fact]
    public void CostMicros_HuggingFace_PricedAsTheServingProviderPaidFromMonthlyCredits()
    {
        // $0.03 in / $0.05 out per million tokens (prices.json, checked 2026-12-07): what the $0.10 credits are spent at.
        var usage = new TokenUsage { InputTokens = 1_000_000, OutputTokens = 1_000_000 };
        Assert.Equal(80_000, CostCalculator.CostMicros(usage, TestCalls.Prices.Find("huggingface", "meta-llama/Llama-3.1-8B-Instruct")));
        Assert.Equal(1, CostCalculator.CostMicros(new TokenUsage { InputTokens = 20, OutputTokens = 5 }, TestCalls.Prices.Find("huggingface", "meta-llama/Llama-3.1-8B-Instruct")));
    }

    private static long Cost(Dapr.AiProvider.ProviderAdapters.Adapters.UpstreamCall call, TokenUsage usage) =>
        CostCalculator.CostMicros(usage, TestCalls.Prices.Find(call.Account.Id, call.Model.Model));
}
