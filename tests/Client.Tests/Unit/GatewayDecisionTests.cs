namespace Dapr.AiProvider.Client.Tests.Unit;

/// <summary>The header → decision mapping (names and formats as the router's DecisionHeaders writes them).</summary>
public sealed class GatewayDecisionTests
{
    [Fact]
    public void FromHeaders_AllHeaders_MapsEveryField()
    {
        var decision = GatewayDecision.FromHeaders(Lookup(FullHeaders()));

        Assert.NotNull(decision);
        Assert.Equal("req-123", decision.RequestId);
        Assert.Equal("openai", decision.Provider);
        Assert.Equal("gpt-4o-mini", decision.Model);
        Assert.Equal("auto strategy=cost", decision.RouteReason);
        Assert.Equal(2, decision.Attempts);
        Assert.Equal(["gemini/gemini-2.5-flash:rate_limited"], decision.Fallbacks);
        Assert.Equal(GatewayCacheStatus.Miss, decision.Cache);
        Assert.Equal(0.000012m, decision.CostUsd);
        Assert.False(decision.CostEstimated);
        Assert.Equal(4.5m, decision.BudgetRemainingUsd);
        Assert.Equal(1.25, decision.OverheadMs);
    }

    [Fact]
    public void FromHeaders_NoRequestId_ReturnsNull()
    {
        var headers = FullHeaders();
        headers.Remove(GatewayHeaders.RequestId);

        Assert.Null(GatewayDecision.FromHeaders(Lookup(headers)));
    }

    [Fact]
    public void FromHeaders_RefusedRequest_NoneAndUnlimitedReadAsNull()
    {
        var decision = GatewayDecision.FromHeaders(Lookup(new Dictionary<string, string>
        {
            [GatewayHeaders.RequestId] = "req-401",
            [GatewayHeaders.Provider] = "none",
            [GatewayHeaders.Model] = "none",
            [GatewayHeaders.RouteReason] = "none",
            [GatewayHeaders.Attempts] = "0",
            [GatewayHeaders.Cache] = "BYPASS",
            [GatewayHeaders.CostUsd] = "0",
            [GatewayHeaders.BudgetRemaining] = "unlimited",
        }));

        Assert.NotNull(decision);
        Assert.Null(decision.Provider);
        Assert.Null(decision.Model);
        Assert.Null(decision.RouteReason);
        Assert.Equal(0, decision.Attempts);
        Assert.Empty(decision.Fallbacks);
        Assert.Equal(GatewayCacheStatus.Bypass, decision.Cache);
        Assert.Equal(0m, decision.CostUsd);
        Assert.Null(decision.BudgetRemainingUsd);
        Assert.Null(decision.OverheadMs);
    }

    [Theory]
    [InlineData("HIT", GatewayCacheStatus.Hit)]
    [InlineData("MISS", GatewayCacheStatus.Miss)]
    [InlineData("BYPASS", GatewayCacheStatus.Bypass)]
    [InlineData("STALE", GatewayCacheStatus.Unknown)]
    public void FromHeaders_CacheHeader_MapsToStatus(string header, GatewayCacheStatus expected)
    {
        var headers = FullHeaders();
        headers[GatewayHeaders.Cache] = header;

        Assert.Equal(expected, GatewayDecision.FromHeaders(Lookup(headers))!.Cache);
    }

    [Fact]
    public void FromHeaders_StreamCostEstimated_FlagSet()
    {
        var headers = FullHeaders();
        headers[GatewayHeaders.CostEstimated] = "true";

        Assert.True(GatewayDecision.FromHeaders(Lookup(headers))!.CostEstimated);
    }

    internal static Dictionary<string, string> FullHeaders() => new()
    {
        [GatewayHeaders.RequestId] = "req-123",
        [GatewayHeaders.Provider] = "openai",
        [GatewayHeaders.Model] = "gpt-4o-mini",
        [GatewayHeaders.RouteReason] = "auto strategy=cost",
        [GatewayHeaders.Attempts] = "2",
        [GatewayHeaders.Fallbacks] = "gemini/gemini-2.5-flash:rate_limited",
        [GatewayHeaders.Cache] = "MISS",
        [GatewayHeaders.CostUsd] = "0.000012",
        [GatewayHeaders.BudgetRemaining] = "4.5",
        [GatewayHeaders.OverheadMs] = "1.25",
    };

    private static Func<string, string?> Lookup(Dictionary<string, string> headers) =>
        name => headers.TryGetValue(name, out var value) ? value : null;
}
