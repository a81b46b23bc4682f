using Microsoft.Extensions.Time.Testing;
using System.Net;
using System.Text;

namespace Dapr.AiProvider.Router.Tests.Security;

public class RateLimitTests
{
    private const string Hello = """{"model":"auto","messages":[{"role":"user","content":"hi"}]}""";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task PerKeyLimit_HoldsAcrossTwoRouterInstances()
    {
        var keys = new FakeKeyDirectory();
        var store = new InMemoryRateWindowStore();
        var key = keys.Add("service", rpm: 5);
        using var a = new SecureRouter(keys, store);
        using var b = new SecureRouter(keys, store);
        using var clientA = a.Client(key);
        using var clientB = b.Client(key);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 10; i++)
        {
            var response = await (i % 2 == 0 ? clientA : clientB).PostAsync("/v1/chat/completions", Json(Hello));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited?.Dispose();
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        // A minute boundary inside the loop would open a new window; the count then only grows.
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.OK), 5, 6);
        Assert.NotNull(limited);
        using (limited)
        {
            Assert.NotNull(limited.Headers.RetryAfter);
            Assert.Equal("5", limited.Headers.GetValues("x-ratelimit-limit-requests").Single());
            Assert.Equal("0", limited.Headers.GetValues("x-ratelimit-remaining-requests").Single());
            Assert.EndsWith("s", limited.Headers.GetValues("x-ratelimit-reset-requests").Single(), StringComparison.Ordinal);
            Assert.Contains("rate_limit_error", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ConcurrentBurst_OnTwoInstances_NeverExceedsLimit()
    {
        var keys = new FakeKeyDirectory();
        var store = new InMemoryRateWindowStore();
        var key = keys.Add("service", rpm: 20);
        using var a = new SecureRouter(keys, store);
        using var b = new SecureRouter(keys, store);
        using var clientA = a.Client(key);
        using var clientB = b.Client(key);

        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            (i % 2 == 0 ? clientA : clientB).PostAsync("/v1/chat/completions", Json(Hello))));
        var ok = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        foreach (var response in responses)
        {
            response.Dispose();
        }

        Assert.InRange(ok, 1, 40); // ≤ 20 per window; at most two windows if the minute turns mid-burst
        Assert.True(responses.All(r => r.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task BootstrapKey_AndUnlimitedKeys_HaveNoRateHeaders()
    {
        using var router = new SecureRouter(settings: new() { ["Router:Auth:DefaultRequestsPerMinute"] = "0" });
        using var client = router.Base.Authed();
        using var routed = router.App.CreateClient();
        routed.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;

        using var response = await routed.PostAsync("/v1/chat/completions", Json(Hello));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("x-ratelimit-limit-requests"));
        Assert.Equal(0, router.Rates.Calls);
    }

    [Fact]
    public async Task DefaultLimit_AppliesToKeysWithoutOwnLimit_AndHeadersCountDown()
    {
        using var router = new SecureRouter(settings: new() { ["Router:Auth:DefaultRequestsPerMinute"] = "100" });
        using var client = router.Client(Tokens.Create("user"));

        using var first = await client.PostAsync("/v1/chat/completions", Json(Hello));
        using var second = await client.PostAsync("/v1/chat/completions", Json(Hello));

        Assert.Equal("100", first.Headers.GetValues("x-ratelimit-limit-requests").Single());
        var r1 = long.Parse(first.Headers.GetValues("x-ratelimit-remaining-requests").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var r2 = long.Parse(second.Headers.GetValues("x-ratelimit-remaining-requests").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(99, r1);
        Assert.Equal(98, r2);
        Assert.Equal(1, router.Rates.Calls); // one slice of 2 serves both requests
    }

    [Fact]
    public async Task TeamLimit_IsSharedByTheTeamsKeys_AcrossInstances()
    {
        var keys = new FakeKeyDirectory();
        var store = new InMemoryRateWindowStore();
        var settings = new Dictionary<string, string?> { ["Router:Auth:TeamRequestsPerMinute:red"] = "3" };
        using var a = new SecureRouter(keys, store, settings);
        using var b = new SecureRouter(keys, store, settings);
        using var red1 = a.Client(keys.Add("service", team: "red"));
        using var red2 = b.Client(keys.Add("service", team: "red"));
        using var blue = a.Client(keys.Add("service", team: "blue"));

        var ok = 0;
        for (var i = 0; i < 8; i++)
        {
            using var response = await (i % 2 == 0 ? red1 : red2).PostAsync("/v1/chat/completions", Json(Hello));
            ok += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }
        using var other = await blue.PostAsync("/v1/chat/completions", Json(Hello));

        Assert.InRange(ok, 3, 4); // 4 only if the minute turns mid-test
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task TokensPerMinute_HoldsAcrossTwoRouterInstances()
    {
        var time = MinuteWindows.MidMinute();
        var keys = new FakeKeyDirectory();
        var store = new InMemoryRateWindowStore();
        var key = keys.Add("service", tpm: 40);
        using var a = new SecureRouter(keys, store, time: time);
        using var b = new SecureRouter(keys, store, time: time);
        using var clientA = a.Client(key);
        using var clientB = b.Client(key);

        var ok = 0;
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 8; i++)
        {
            // Distinct prompts: cache hits would cost no tokens. Each answer uses 15 tokens.
            var response = await (i % 2 == 0 ? clientA : clientB).PostAsync("/v1/chat/completions",
                Json($$"""{"model":"auto","messages":[{"role":"user","content":"question {{i}}"}]}"""));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                ok++;
                Assert.Equal("40", response.Headers.GetValues("x-ratelimit-limit-tokens").Single());
            }
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited?.Dispose();
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        // Admitted while the minute had tokens left: 15 + 15 + 15 fit the shared 40 only with the first answers charged late.
        Assert.InRange(ok, 3, 4);
        Assert.NotNull(limited);
        using (limited)
        {
            Assert.NotNull(limited.Headers.RetryAfter);
            Assert.Equal("0", limited.Headers.GetValues("x-ratelimit-remaining-tokens").Single());
            Assert.Contains("40 tokens per minute", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TeamTokensPerMinute_IsSharedByTheTeamsKeys()
    {
        var keys = new FakeKeyDirectory();
        var settings = new Dictionary<string, string?> { ["Router:Auth:TeamTokensPerMinute:red"] = "20" };
        using var router = new SecureRouter(keys, settings: settings, time: MinuteWindows.MidMinute());
        using var red1 = router.Client(keys.Add("service", team: "red"));
        using var red2 = router.Client(keys.Add("service", team: "red"));

        using var first = await red1.PostAsync("/v1/chat/completions", Json("""{"model":"auto","messages":[{"role":"user","content":"one"}]}"""));
        using var second = await red2.PostAsync("/v1/chat/completions", Json("""{"model":"auto","messages":[{"role":"user","content":"two"}]}"""));
        using var third = await red1.PostAsync("/v1/chat/completions", Json("""{"model":"auto","messages":[{"role":"user","content":"three"}]}"""));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode); // 15 of 20 used: still admitted
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode); // 30 of 20
        Assert.Contains("for this team", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>Rate windows are calendar minutes: tests counting within one window run on a clock stopped in its middle.</summary>
internal static class MinuteWindows
{
    public static FakeTimeProvider MidMinute() => new(new DateTimeOffset(2026, 12, 7, 9, 30, 30, TimeSpan.Zero));
}
