using System.Text.Json;
using Dapr.AiProvider.Contracts;

namespace Dapr.AiProvider.Router.Tests.Failover;

/// <summary>The one vocabulary of error-class wire names (Contracts), used by the router and provider-adapters alike.</summary>
public class ErrorClassNamesTests
{
    [Theory]
    [InlineData(ErrorClass.RateLimited, "rate_limited")]
    [InlineData(ErrorClass.QuotaExhausted, "quota_exhausted")]
    [InlineData(ErrorClass.StreamInterrupted, "stream_interrupted")]
    [InlineData(ErrorClass.ModelRetired, "model_retired")]
    public void Of_IsTheContractsJsonName(ErrorClass errorClass, string expected) =>
        Assert.Equal(expected, ErrorClassNames.Of(errorClass));

    [Fact]
    public void Of_EveryClass_HasItsOwnSnakeCaseName()
    {
        var names = Enum.GetValues<ErrorClass>().Select(ErrorClassNames.Of).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.Matches("^[a-z]+(_[a-z]+)*$", n));
    }

    [Fact]
    public void Of_EveryClass_ReadsBackAsTheSameClass()
    {
        foreach (var errorClass in Enum.GetValues<ErrorClass>())
        {
            var read = JsonSerializer.Deserialize($"\"{ErrorClassNames.Of(errorClass)}\"", ContractsJsonContext.Default.ErrorClass);

            Assert.Equal(errorClass, read);
        }
    }

    [Fact]
    public void ReadBack_AnUnknownName_IsRefusedNotGuessed() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("\"unknown\"", ContractsJsonContext.Default.ErrorClass));
}
