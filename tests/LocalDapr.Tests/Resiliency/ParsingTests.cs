using Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

namespace Dapr.AiProvider.LocalDapr.Tests.Resiliency;

public sealed class ParsingTests
{
    [Theory]
    [InlineData("5s", 5000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5s", 1500)]
    [InlineData("250ms", 250)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1500", 1500)]
    [InlineData("0", 0)]
    public void GoDurationTryParse_ValidText_ReturnsMilliseconds(string text, double expectedMs)
    {
        Assert.True(GoDuration.TryParse(text, out var value));
        Assert.Equal(expectedMs, value.TotalMilliseconds, precision: 3);
    }

    [Theory]
    [InlineData("5 seconds")]
    [InlineData("s")]
    [InlineData("")]
    [InlineData("5x")]
    public void GoDurationTryParse_InvalidText_ReturnsFalse(string text) =>
        Assert.False(GoDuration.TryParse(text, out _));

    [Fact]
    public void StatusCodeMatcherParse_ListAndRanges_MatchesOnlyListedCodes()
    {
        var matcher = StatusCodeMatcher.Parse("500-504, 429", 100, 599, out var error);

        Assert.Null(error);
        Assert.True(matcher.Matches(429));
        Assert.True(matcher.Matches(500));
        Assert.True(matcher.Matches(504));
        Assert.False(matcher.Matches(505));
        Assert.False(matcher.Matches(404));
    }

    [Theory]
    [InlineData("600")]
    [InlineData("504-500")]
    [InlineData("5xx")]
    [InlineData("500-502-504")]
    public void StatusCodeMatcherParse_BadPattern_ReportsError(string patterns)
    {
        StatusCodeMatcher.Parse(patterns, 100, 599, out var error);
        Assert.NotNull(error);
    }

    [Fact]
    public void StatusCodeMatcherParse_Empty_MatchesEverything() =>
        Assert.True(StatusCodeMatcher.Parse("", 100, 599, out _).Matches(418));

    [Theory]
    [InlineData("consecutiveFailures > 5", 6, 0, true)]
    [InlineData("consecutiveFailures > 5", 5, 0, false)]
    [InlineData("consecutiveFailures >= 2 && requests > 3", 2, 4, true)]
    [InlineData("consecutiveFailures >= 2 && requests > 3", 2, 3, false)]
    [InlineData("consecutiveFailures > 9 || requests == 3", 0, 3, true)]
    [InlineData("!(requests < 3)", 0, 3, true)]
    [InlineData("(consecutiveFailures > 1 || requests > 10) && requests != 0", 2, 1, true)]
    public void TripExpressionEvaluate_Counts_ReturnsExpected(string text, long consecutiveFailures, long requests, bool expected)
    {
        var counts = new BreakerCounts(requests, 0, consecutiveFailures, 0, consecutiveFailures);
        Assert.Equal(expected, TripExpression.Parse(text).Evaluate(counts));
    }

    [Theory]
    [InlineData("failures > 5")]
    [InlineData("consecutiveFailures >")]
    [InlineData("consecutiveFailures > 5 &&")]
    [InlineData("consecutiveFailures + 1 > 5")]
    [InlineData("(requests > 1")]
    public void TripExpressionParse_Invalid_Throws(string text) =>
        Assert.Throws<FormatException>(() => TripExpression.Parse(text));
}
