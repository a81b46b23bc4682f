using System.Text;
using Dapr.AiProvider.Router.Routing;

namespace Dapr.AiProvider.Router.Tests.Routing;

/// <summary>
/// A stream's output counted as it arrives (issue 20: the router no longer keeps each stream's whole text) must give
/// exactly the count of the whole text: o200k's pre-tokenizer decides a piece only once the text after it is known, and
/// a special token may arrive in parts. Settling at every delta (settleAtChars 1) puts a boundary everywhere it can be.
/// </summary>
public sealed class StreamedTokenCountTests
{
    private static readonly O200kEncoding Encoding = O200kEncoding.Instance;

    [Fact]
    public void Count_CorpusInRandomChunks_SameAsCountingTheWholeText()
    {
        var samples = O200kCorpus.Load();
        var random = new Random(20);
        var wrong = new List<string>();

        foreach (var sample in samples)
        {
            for (var round = 0; round < 3; round++)
            {
                var settleAt = round == 0 ? 1 : random.Next(1, 64);
                var counted = CountInChunks(sample.Text, settleAt, () => random.Next(1, round == 2 ? 200 : 8));
                if (counted != sample.Tokens)
                {
                    wrong.Add($"{sample.Tokens} expected, {counted} counted (settle at {settleAt}): {sample.Text[..Math.Min(60, sample.Text.Length)]}");
                }
            }
        }

        Assert.Equal(627, samples.Length);
        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("they don't know, WE'LL see; you're 'right'")] // a contraction decides the piece two pieces before the end
    [InlineData("end!\n\n\nnext /\n/ line")] // punctuation takes the newlines and slashes after it
    [InlineData("a \n \n  b  \t c   ")] // a whitespace run is one piece up to its last newline
    [InlineData("1234567 89")] // digits go in threes
    [InlineData("hi<|endoftext|>there<|endofprompt|>!<|endof")] // special tokens, and a prefix of one that never completes
    [InlineData("émoji 👍🏽 and ÅNGSTRÖM's")]
    public void Count_EveryTwoAndThreeWaySplit_SameAsCountingTheWholeText(string text)
    {
        var whole = Encoding.CountTokens(text);

        for (var first = 0; first <= text.Length; first++)
        {
            for (var second = first; second <= text.Length; second++)
            {
                var count = new StreamedTokenCount(settleAtChars: 1);
                count.Append(text.AsSpan(0, first));
                count.Append(text.AsSpan(first, second - first));
                count.Append(text.AsSpan(second));

                Assert.True(whole == count.Count(), $"split at {first} and {second}: {count.Count()} counted, {whole} expected");
            }
        }
    }

    [Fact]
    public void Append_LongAnswer_HoldsAFewKilobytesNotTheAnswer()
    {
        // 400,000 characters of prose in 20-character deltas: the old StringBuilder held all of it (800 KB).
        var prose = "The export button does nothing when the report has more than 10,000 rows; we'll fix it.\n";
        var text = new StringBuilder().Insert(0, prose, 400_000 / prose.Length).ToString();
        var count = new StreamedTokenCount();

        for (var at = 0; at < text.Length; at += 20)
        {
            count.Append(text.AsSpan(at, Math.Min(20, text.Length - at)));
        }

        Assert.Equal(Encoding.CountTokens(text), count.Count());
        Assert.Equal(text.Length, count.Length);
        Assert.InRange(count.HeldCapacity, 1, 2 * StreamedTokenCount.SettleAtChars);
    }

    [Fact]
    public void Append_OneLongWordInSmallDeltas_CountedWhole()
    {
        // A piece never settles before it ends; it is held whole and rescanned only when it doubles (linear, not per delta).
        var word = string.Concat(Enumerable.Repeat("abcdefghij", 2_000));
        var count = new StreamedTokenCount();

        for (var at = 0; at < word.Length; at += 7)
        {
            count.Append(word.AsSpan(at, Math.Min(7, word.Length - at)));
        }

        Assert.Equal(4_000, count.Count());
    }

    private static int CountInChunks(string text, int settleAt, Func<int> nextChunk)
    {
        var count = new StreamedTokenCount(settleAt);
        for (var at = 0; at < text.Length;)
        {
            var length = Math.Min(nextChunk(), text.Length - at);
            count.Append(text.AsSpan(at, length));
            at += length;
        }
        return count.Count();
    }
}
