using System.Net;
using System.Text.Json;

namespace Dapr.AiProvider.ProviderSimulator.Tests.Limits;

/// <summary>
/// The simulator as a real free tier: windows from the published figures (or configuration), each provider's own 429
/// when one is full, refusals counted in <c>/_sim/requests</c> as <c>rateLimited</c>, days turning at the provider's midnight.
/// </summary>
public sealed class FreeTierLimitTests
{
    private const string Flash = "/gemini/v1beta/models/gemini-2.5-flash:generateContent?key=" + SimulatorFixture.Key;

    [Fact]
    public async Task Limits_Default_ListsPublishedWindowsNotEnforced()
    {
        using var sim = new SimulatorFixture();
        using var client = sim.CreateClient();
        var body = await (await client.GetAsync(new Uri("/_sim/limits", UriKind.Relative))).JsonAsync();

        Assert.False(body.GetProperty("enforced").GetBoolean());
        var limits = body.GetProperty("limits").EnumerateArray().ToList();
        var flash = Assert.Single(limits, l => l.GetProperty("provider").GetString() == "gemini");
        Assert.Equal("gemini-2.5-flash", flash.GetProperty("model").GetString());
        Assert.Equal((5, 20, 250_000), (flash.GetProperty("rpm").GetInt32(), flash.GetProperty("rpd").GetInt32(), flash.GetProperty("tpm").GetInt32()));
        Assert.Equal(JsonValueKind.Null, flash.GetProperty("tpd").ValueKind);
        var openRouter = Assert.Single(limits, l => l.GetProperty("provider").GetString() == "openrouter");
        Assert.Equal(("*", 20, 50), (openRouter.GetProperty("model").GetString(), openRouter.GetProperty("rpm").GetInt32(), openRouter.GetProperty("rpd").GetInt32()));
        Assert.Equal(3, limits.Count(l => l.GetProperty("provider").GetString() == "groq"));
    }

    [Fact]
    public async Task Enforcement_Off_BurstAboveEveryWindowIsServed()
    {
        using var sim = new SimulatorFixture();
        using var client = sim.Bearer();
        for (var i = 0; i < 25; i++)
        {
            using var response = await client.PostJsonAsync(Flash, Gemini("burst " + i));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var counts = await (await client.GetAsync(new Uri("/_sim/requests", UriKind.Relative))).JsonAsync();
        Assert.Equal(0, counts.GetProperty("rateLimited").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Gemini_SixthRequestInAMinute_Is429PerMinuteQuotaAndCounted()
    {
        using var sim = new FreeTierSimulator();
        using var client = sim.Bearer();
        for (var i = 0; i < 5; i++)
        {
            using var ok = await client.PostJsonAsync(Flash, Gemini("hi " + i));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var refused = await client.PostJsonAsync(Flash, Gemini("one too many"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var error = (await refused.JsonAsync()).GetProperty("error");
        Assert.Equal("RESOURCE_EXHAUSTED", error.GetProperty("status").GetString());
        var violation = QuotaViolation(error);
        Assert.Equal("GenerateRequestsPerMinutePerProjectPerModel-FreeTier", violation.GetProperty("quotaId").GetString());
        Assert.Equal("5", violation.GetProperty("quotaValue").GetString());
        Assert.Equal("", refused.Header("retry-after"));
        var rateLimited = (await (await client.GetAsync(new Uri("/_sim/requests", UriKind.Relative))).JsonAsync()).GetProperty("rateLimited");
        Assert.Equal(1, rateLimited.GetProperty("total").GetInt32());
        Assert.Equal(1, rateLimited.GetProperty("providers").GetProperty("gemini").GetProperty("models").GetProperty("gemini-2.5-flash").GetInt32());

        sim.Clock.Advance(TimeSpan.FromMinutes(1));
        using var nextMinute = await client.PostJsonAsync(Flash, Gemini("a new minute"));
        Assert.Equal(HttpStatusCode.OK, nextMinute.StatusCode);
    }

    [Fact]
    public async Task Gemini_TwentyFirstRequestOfTheDay_RefusedUntilMidnightPacific()
    {
        using var sim = new FreeTierSimulator();
        using var client = sim.Bearer();
        for (var i = 0; i < 20; i++)
        {
            if (i % 5 == 0)
            {
                sim.Clock.Advance(TimeSpan.FromMinutes(1));
            }
            using var ok = await client.PostJsonAsync(Flash, Gemini("hi " + i));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        sim.Clock.Advance(TimeSpan.FromMinutes(1));

        using var refused = await client.PostJsonAsync(Flash, Gemini("21st"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var violation = QuotaViolation((await refused.JsonAsync()).GetProperty("error"));
        Assert.Equal(("GenerateRequestsPerDayPerProjectPerModel-FreeTier", "20"),
            (violation.GetProperty("quotaId").GetString(), violation.GetProperty("quotaValue").GetString()));

        // 2026-12-07 07:59 UTC is still the 6th in California (PST, UTC-8); 08:00 UTC is its midnight.
        sim.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 7, 59, 0, TimeSpan.Zero));
        using var stillRefused = await client.PostJsonAsync(Flash, Gemini("before midnight Pacific"));
        Assert.Equal(HttpStatusCode.TooManyRequests, stillRefused.StatusCode);
        sim.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
        using var newDay = await client.PostJsonAsync(Flash, Gemini("a new Pacific day"));
        Assert.Equal(HttpStatusCode.OK, newDay.StatusCode);
    }

    [Fact]
    public async Task OpenRouter_AccountWindow_IsSharedByEveryFreeModel()
    {
        using var sim = new FreeTierSimulator();
        using var client = sim.Bearer();
        for (var i = 0; i < 20; i++)
        {
            var model = i % 2 == 0 ? "meta-llama/llama-3.2-3b-instruct:free" : "openai/gpt-oss-20b:free";
            using var ok = await client.PostJsonAsync("/openrouter/api/v1/chat/completions", Http.Chat(model, "hi " + i));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var refused = await client.PostJsonAsync("/openrouter/api/v1/chat/completions", Http.Chat("openai/gpt-oss-20b:free", "21st"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var error = (await refused.JsonAsync()).GetProperty("error");
        Assert.StartsWith("Rate limit exceeded: free-models-per-min", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(429, error.GetProperty("code").GetInt32());
        Assert.Equal("20", refused.Header("X-RateLimit-Limit"));
        Assert.Equal("0", refused.Header("X-RateLimit-Remaining"));
        var reset = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(refused.Header("X-RateLimit-Reset"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 20, 1, 0, TimeSpan.Zero), reset);
    }

    [Fact]
    public async Task Groq_DailyRequestWindow_429InGroqsDialect()
    {
        using var sim = new FreeTierSimulator(
            ("Simulator:FreeTiers:Limits:0:Provider", "groq"), ("Simulator:FreeTiers:Limits:0:Model", "llama-3.1-8b-instant"),
            ("Simulator:FreeTiers:Limits:0:Rpd", "2"), ("Simulator:FreeTiers:Limits:0:Tpm", "6000"));
        using var client = sim.Bearer();
        for (var i = 0; i < 2; i++)
        {
            using var ok = await client.PostJsonAsync("/groq/openai/v1/chat/completions", Http.Chat("llama-3.1-8b-instant", "hi"));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var refused = await client.PostJsonAsync("/groq/openai/v1/chat/completions", Http.Chat("llama-3.1-8b-instant", "third"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var error = (await refused.JsonAsync()).GetProperty("error");
        Assert.Equal(("rate_limit_exceeded", "requests"), (error.GetProperty("code").GetString(), error.GetProperty("type").GetString()));
        Assert.Contains("on requests per day (RPD): Limit 2, Used 2, Requested 1", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        // Groq's request headers count the day, its token headers the minute.
        Assert.Equal(("2", "0", "6000"), (refused.Header("x-ratelimit-limit-requests"), refused.Header("x-ratelimit-remaining-requests"),
            refused.Header("x-ratelimit-limit-tokens")));
        Assert.Equal("14400", refused.Header("retry-after")); // 20:00 UTC → next 00:00 UTC
    }

    [Fact]
    public async Task Cerebras_TokensPerMinuteWindow_429WithMinuteAndDayHeaders()
    {
        using var sim = new FreeTierSimulator(
            ("Simulator:FreeTiers:Limits:0:Provider", "cerebras"), ("Simulator:FreeTiers:Limits:0:Model", "gpt-oss-120b"),
            ("Simulator:FreeTiers:Limits:0:Tpm", "5"));

        using var client = sim.Bearer();
        using var refused = await client.PostJsonAsync("/cerebras/v1/chat/completions",
            Http.Chat("gpt-oss-120b", "a prompt long enough to need more than five tokens of the minute's budget"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var body = await refused.JsonAsync();
        Assert.Equal(("too_many_requests_error", "token_quota_exceeded"), (body.GetProperty("type").GetString(), body.GetProperty("code").GetString()));
        Assert.Equal(("5", "0"), (refused.Header("x-ratelimit-limit-tokens-minute"), refused.Header("x-ratelimit-remaining-tokens-minute")));
        Assert.Equal("14400", refused.Header("x-ratelimit-limit-requests-day"));
    }

    [Fact]
    public async Task Cloudflare_DailyWindow_429InCloudflaresEnvelope()
    {
        using var sim = new FreeTierSimulator(
            ("Simulator:FreeTiers:Limits:0:Provider", "cloudflare"), ("Simulator:FreeTiers:Limits:0:Rpd", "1"));
        using var client = sim.Bearer();
        const string Path = "/cloudflare/client/v4/accounts/sim-account/ai/v1/chat/completions";
        using var ok = await client.PostJsonAsync(Path, Http.Chat("@cf/meta/llama-3.1-8b-instruct", "hi"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        using var refused = await client.PostJsonAsync(Path, Http.Chat("@cf/openai/gpt-oss-120b", "again"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var body = await refused.JsonAsync();
        Assert.False(body.GetProperty("success").GetBoolean());
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(4006, error.GetProperty("code").GetInt32());
        Assert.Contains("daily free allocation of 10,000 neurons", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteLimits_EmptiesEveryWindow()
    {
        using var sim = new FreeTierSimulator(("Simulator:FreeTiers:Limits:0:Provider", "mistral"), ("Simulator:FreeTiers:Limits:0:Rpm", "1"));
        using var client = sim.Bearer();
        using var first = await client.PostJsonAsync("/mistral/v1/chat/completions", Http.Chat("mistral-small-latest", "hi"));
        using var second = await client.PostJsonAsync("/mistral/v1/chat/completions", Http.Chat("mistral-small-latest", "hi"));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.TooManyRequests), (first.StatusCode, second.StatusCode));
        Assert.Equal("rate_limited", (await second.JsonAsync()).GetProperty("type").GetString());

        using var reset = await client.DeleteAsync(new Uri("/_sim/limits", UriKind.Relative));
        using var third = await client.PostJsonAsync("/mistral/v1/chat/completions", Http.Chat("mistral-small-latest", "hi"));

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.OK), (reset.StatusCode, third.StatusCode));
    }

    [Fact]
    public async Task Limits_EnforcementSwitchedOnAtRuntime_RefusesOverTheWindowAndSwitchesOff()
    {
        using var sim = new FreeTierSimulator(("Simulator:FreeTiers:Enforce", "false")); // a fake clock: one minute throughout
        using var client = sim.CreateClient();

        using var on = await client.PutAsync(new Uri("/_sim/limits", UriKind.Relative), Json("""{"enforce":true}"""));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await client.PostAsync(new Uri(Flash, UriKind.Relative), Json(Gemini("hi")));
            statuses.Add(response.StatusCode);
        }
        var enforced = await (await client.GetAsync(new Uri("/_sim/limits", UriKind.Relative))).JsonAsync();
        using var off = await client.PutAsync(new Uri("/_sim/limits", UriKind.Relative), Json("""{"enforce":false}"""));
        using var after = await client.PostAsync(new Uri(Flash, UriKind.Relative), Json(Gemini("hi")));
        using var bad = await client.PutAsync(new Uri("/_sim/limits", UriKind.Relative), Json("""{"on":1}"""));

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (on.StatusCode, off.StatusCode));
        Assert.True(enforced.GetProperty("enforced").GetBoolean());
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK)); // 2.5 Flash: 5 a minute
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[5]);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static string Gemini(string text) =>
        JsonSerializer.Serialize(new { contents = new[] { new { role = "user", parts = new[] { new { text } } } } });

    private static JsonElement QuotaViolation(JsonElement error) =>
        error.GetProperty("details").EnumerateArray()
            .Single(d => d.GetProperty("@type").GetString() == "type.googleapis.com/google.rpc.QuotaFailure")
            .GetProperty("violations")[0];
}
