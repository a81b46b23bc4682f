using Dapr.AiProvider.ProviderAdapters.Errors;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Errors;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("6m0s", 360_000)]
    [InlineData("12ms", 12)]
    [InlineData("9ms", 9)]
    [InlineData("1h2m3.5s", 3_723_500)]
    [InlineData("20.223932614s", 20_223.932614)]
    [InlineData("55s", 55_000)]
    [InlineData("0s", 0)]
    public void TryParse_ProviderDuration_GivesMilliseconds(string text, double expectedMs)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(expectedMs, duration.TotalMilliseconds, 3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("12")]
    [InlineData("5 parsecs")]
    public void TryParse_NotADuration_ReturnsFalse(string text) => Assert.False(DurationParser.TryParse(text, out _));
}
