using Dapr.AiProvider.ProviderSimulator.Core;
using Dapr.AiProvider.ProviderSimulator.Faults;

namespace Dapr.AiProvider.ProviderSimulator.Tests.Core;

/// <summary>Pure parts: duration formats, directives, answers, fault consumption.</summary>
public sealed class CoreTests
{
    [Theory]
    [InlineData(360_000, "6m0s")]
    [InlineData(12, "12ms")]
    [InlineData(1_500, "1.5s")]
    [InlineData(3_723_000, "1h2m3s")]
    [InlineData(20_223, "20.223s")]
    public void GoDuration_Values_FormatLikeGo(int milliseconds, string expected) =>
        Assert.Equal(expected, WireFormat.GoDuration(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void ProtoDuration_Fraction_KeepsNanoseconds() =>
        Assert.Equal("20.223932614s", WireFormat.ProtoDuration(20.223932614));

    [Fact]
    public void DirectivesParse_SeveralMarkers_CombinesValues()
    {
        var directives = Directives.Parse("hi [[sim:fault=stall]] there [[sim:cached=100,reasoning=50;words=3,retry=2.5]]");

        Assert.Equal(new Directives("stall", 100, 0, 50, 3, 2.5), directives);
        Assert.Equal("hi   there", Directives.Strip("hi [[sim:fault=stall]] there [[sim:cached=1]]"));
    }

    [Fact]
    public void Build_WordsDirective_PadsAnswerDeterministically()
    {
        var prompt = ChatPrompt.Simple("m", "alpha beta [[sim:words=5]]", 26, null, false);
        var first = AnswerBuilder.Build("p", prompt, Directives.Parse(prompt.LastUserText), contentFilter: false);
        var second = AnswerBuilder.Build("p", prompt, Directives.Parse(prompt.LastUserText), contentFilter: false);

        Assert.Equal("Simulated answer from p/m: alpha beta alpha beta alpha", first.Text);
        Assert.Equal(first, second with { Pieces = first.Pieces });
        Assert.Equal(9, first.Pieces.Count);
        Assert.Equal(TokenCounter.Count(first.Text), first.CompletionTokens);
    }

    [Fact]
    public void Build_ToolResultLast_AnswersInsteadOfCallingAgain()
    {
        var prompt = ChatPrompt.Simple("m", "call the lookup tool", 20, null, false) with
        {
            Tools = [new ToolSpec("lookup", null)],
            EndsWithToolResult = true,
        };

        var answer = AnswerBuilder.Build("p", prompt, Directives.None, contentFilter: false);

        Assert.Null(answer.ToolCall);
        Assert.Equal(FinishKind.Stop, answer.Finish);
    }

    [Fact]
    public void TryTake_CountedRule_ConsumedThenRemoved()
    {
        var registry = new FaultRegistry();
        registry.Add("openai", null, FaultKind.Overloaded, 2, null);

        Assert.NotNull(registry.TryTake("openai", "a"));
        Assert.Null(registry.TryTake("anthropic", "a"));
        Assert.NotNull(registry.TryTake("openai", "b"));
        Assert.Null(registry.TryTake("openai", "a"));
        Assert.Empty(registry.Snapshot());
    }

    [Fact]
    public void TryTake_WildcardProvider_MatchesEveryProvider()
    {
        var registry = new FaultRegistry();
        registry.Add("*", "shared-model", FaultKind.ServerError, null, null);

        Assert.NotNull(registry.TryTake("gemini", "shared-model"));
        Assert.NotNull(registry.TryTake("github", "SHARED-MODEL"));
        Assert.Null(registry.TryTake("github", "other"));
    }
}
