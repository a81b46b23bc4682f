using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.ProviderAdapters.Adapters;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Adapters;

/// <summary>The same header names mean different windows per provider (docs/providers.md, "Limits learned from 429s").</summary>
public sealed class LimitHeadersTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 20, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("openai", QuotaWindowKind.Minute)]
    [InlineData("groq", QuotaWindowKind.Day)]
    public void Limits_RequestsHeader_WindowDependsOnTheDialect(string dialect, QuotaWindowKind requestsWindow)
    {
        var headers = Headers(("x-ratelimit-limit-requests", "14400"), ("x-ratelimit-limit-tokens", "6000"));

        Assert.Equal([("requests", requestsWindow, 14_400L), ("tokens", QuotaWindowKind.Minute, 6_000L)],
            LimitHeaders.Limits(dialect, headers)!.Select(l => (l.Metric, l.Window, l.Limit)));
    }

    [Fact]
    public void WithLimits_Cerebras_ReadsDayAndMinuteHeadersAndSecondResets()
    {
        var headers = Headers(("x-ratelimit-limit-requests-day", "14400"), ("x-ratelimit-limit-tokens-minute", "60000"),
            ("x-ratelimit-remaining-requests-day", "14000"), ("x-ratelimit-remaining-tokens-minute", "59000"),
            ("x-ratelimit-reset-requests-day", "33011.5"), ("x-ratelimit-reset-tokens-minute", "11.25"));

        var headroom = LimitHeaders.WithLimits(null, "cerebras", headers, Now)!;

        Assert.Equal((14_000L, 59_000L), (headroom.RemainingRequests!.Value, headroom.RemainingTokens!.Value));
        Assert.Equal(Now.AddSeconds(33011.5), headroom.RequestsResetAt);
        Assert.Equal(Now.AddSeconds(11.25), headroom.TokensResetAt);
        Assert.Equal([("requests", QuotaWindowKind.Day, 14_400L), ("tokens", QuotaWindowKind.Minute, 60_000L)],
            headroom.Limits!.Select(l => (l.Metric, l.Window, l.Limit)));
    }

    [Fact]
    public void Limits_NoneDialectOrNoHeaders_IsNull()
    {
        Assert.Null(LimitHeaders.Limits("none", Headers(("x-ratelimit-limit-requests", "5"))));
        Assert.Null(LimitHeaders.Limits("openai", Headers()));
    }

    private static System.Net.Http.Headers.HttpResponseHeaders Headers(params (string Name, string Value)[] values)
    {
        var response = new HttpResponseMessage();
        foreach (var (name, value) in values)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }
        return response.Headers;
    }
}
