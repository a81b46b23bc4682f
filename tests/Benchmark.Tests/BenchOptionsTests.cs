namespace Dapr.AiProvider.Benchmark.Tests;

/// <summary>The command line: which scenarios <c>--all</c> runs, and those that run only when named.</summary>
public sealed class BenchOptionsTests
{
    [Fact]
    public void All_RunsTheMeasurements_NotTheDiagnosesNorTheHold()
    {
        var options = BenchOptions.Parse(["--all", "--quick"]);

        Assert.NotNull(options);
        Assert.True(options.Quick);
        Assert.Equal(["gateway", "cache-hit", "adapters", "translation", "auth", "ledger", "peer", "streams"],
            options.Scenarios.Select(s => s.Name));
    }

    [Theory]
    [InlineData("hold")]
    [InlineData("hops")]
    [InlineData("free-day")]
    public void AScenarioOutsideAll_RunsWhenNamed(string name)
    {
        var options = BenchOptions.Parse([name]);

        Assert.NotNull(options);
        Assert.Equal([name], options.Scenarios.Select(s => s.Name));
        Assert.False(options.Quick);
    }

    [Theory]
    [InlineData()]
    [InlineData("--quick")]
    [InlineData("peer", "nonsense")]
    public void NoScenario_OrAnUnknownOne_IsAUsageError(params string[] args) => Assert.Null(BenchOptions.Parse(args));
}
