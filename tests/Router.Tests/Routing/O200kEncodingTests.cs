using Dapr.AiProvider.Router.Routing;

namespace Dapr.AiProvider.Router.Tests.Routing;

/// <summary>
/// The router's compact o200k_base counter against Microsoft.ML.Tokenizers 2.0.1, the library it replaced (its
/// dictionaries held 40 MB). <c>o200k-corpus.json</c> holds 627 texts with the count
/// <c>TiktokenTokenizer.CreateForEncoding("o200k_base").CountTokens(text)</c> gave for each (a fresh tokenizer per
/// text, 2026-12-07): the agents' prompts of <c>tools/benchmark/Workloads/agents.jsonl</c>, every string of the real
/// provider recordings in <c>/work/shared/replay/fixtures</c>, hand-written edge cases (scripts, emoji, combining marks,
/// contractions in capitals, digits, whitespace runs, special tokens), pieces of 1,000+ bytes and 400 seeded random
/// mixes. The library itself is not loaded here: that is the memory this counter saves.
/// </summary>
public sealed class O200kEncodingTests
{
    private static readonly O200kEncoding Encoding = O200kEncoding.Instance;

    [Fact]
    public void CountTokens_Corpus_SameCountsAsMicrosoftMlTokenizer()
    {
        var samples = O200kCorpus.Load();

        var wrong = samples.Where(s => Encoding.CountTokens(s.Text) != s.Tokens)
            .Select(s => $"{s.Tokens} expected, {Encoding.CountTokens(s.Text)} counted: {s.Text[..Math.Min(60, s.Text.Length)]}");

        Assert.Equal(627, samples.Length);
        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("hello world", 2)]
    [InlineData("", 0)]
    [InlineData("<|endoftext|>", 1)]
    [InlineData("a<|endoftext|>b<|endofprompt|>", 4)]
    [InlineData("<|endoftext", 5)]
    public void CountTokens_SpecialTokensCountOneEach(string text, int expected) => Assert.Equal(expected, Encoding.CountTokens(text));

    [Fact]
    public void CountTokens_LongSingleWord_SameCountWithoutQuadraticCost()
    {
        // One 20,000-letter "word" (a pasted blob) is a single pre-token of 20,000 bytes to merge. The library gives
        // 4,000 after 1.8 s (and 40,000 after 354 s for ten times the length: it rescans every pair after each merge);
        // the merge heap takes 0.13 s (0.48 s for the long one), both on the loaded 2-core development machine.
        var word = string.Concat(Enumerable.Repeat("abcdefghij", 2_000));

        Assert.Equal(4_000, Encoding.CountTokens(word));
    }

    [Fact]
    public void CountTokens_UnpairedSurrogate_CountsAsTheReplacementCharacter()
    {
        // Invalid UTF-16 (a lone surrogate, possible from a JSON "\ud83d" escape) is counted as U+FFFD, what UTF-8
        // encoding writes for it; the library counted three bytes there, depending on what it had counted before.
        Assert.Equal(Encoding.CountTokens("a \uFFFD b"), Encoding.CountTokens("a \uD83D b"));
    }

    [Fact]
    public void CountTokens_NeverLoadsTheMlTokenizerLibrary()
    {
        Encoding.CountTokens("hello world");

        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "Microsoft.ML.Tokenizers");
    }
}
