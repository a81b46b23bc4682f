using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Router.Failover;

namespace Dapr.AiProvider.Router.Tests.Failover;

public class ErrorClassNamesTests
{
    [Theory]
    [InlineData(ErrorClass.RateLimited, "rate_limited")]
    [InlineData(ErrorClass.QuotaExhausted, "quota_exhausted")]
    [InlineData(ErrorClass.StreamInterrupted, "stream_interrupted")]
    public void Of_IsTheContractsJsonName(ErrorClass errorClass, string expected) =>
        Assert.Equal(expected, ErrorClassNames.Of(errorClass));

    [Fact]
    public void Of_EveryClass_HasItsOwnSnakeCaseName()
    {
        var names = Enum.GetValues<ErrorClass>().Select(ErrorClassNames.Of).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.Matches("^[a-z]+(_[a-z]+)*$", n));
    }
}
