using System.Net;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Router.Auth;
using Dapr.AiProvider.Router.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dapr.AiProvider.Router.Tests.Security;

/// <summary>Issue #19.8: failed authentication throttled per client, unknown keys never evict valid ones, no shared JWT identity, allow-lists fail closed.</summary>
public class AuthHardeningTests
{
    private const string Hello = """{"model":"auto","messages":[{"role":"user","content":"hi"}]}""";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> OpenAiErrorAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("error").Clone();
    }

    [Fact]
    public async Task FailedAuthentications_OverTheLimit_Are429WithRetryAfter_WithoutAskingQuota()
    {
        using var router = new SecureRouter(settings: new() { ["Router:Auth:FailedAuthPerMinute"] = "5" });
        var valid = router.Keys.Add("service");
        using var guesser = router.Client();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Json(Hello) };
            request.Headers.Authorization = new("Bearer", $"aip_guess{i:D4}_{Guid.NewGuid():N}");
            using var response = await guesser.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var error = await OpenAiErrorAsync(response);
                Assert.Equal("rate_limit_error", error.GetProperty("type").GetString());
                Assert.Equal("too_many_failed_authentications", error.GetProperty("code").GetString());
                Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 60 }, $"{response.Headers.RetryAfter}");
            }
        }
        using var blockedValid = await router.Client(valid).PostAsync("/v1/chat/completions", Json(Hello));

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)], statuses);
        Assert.Equal(5, router.Keys.Verifications); // the throttled guesses cost no quota call
        Assert.Equal(HttpStatusCode.TooManyRequests, blockedValid.StatusCode); // the client, not the key, is throttled
    }

    /// <summary>
    /// Every mesh caller reaches the router from its sidecar's address (in this in-memory host all clients share one
    /// address, as all apps share 127.0.0.1 locally), so the throttle keys a call through the router's own sidecar by
    /// the caller app id that sidecar proved: one guessing app is throttled, the others keep working.
    /// </summary>
    [Fact]
    public async Task FailedAuthentications_ThroughTheSidecar_ThrottleTheCallerApp_NotEveryMeshCaller()
    {
        const string appToken = "app-token-for-tests-0123456789";
        using var router = new SecureRouter(settings: new() { ["Router:Auth:FailedAuthPerMinute"] = "3", ["APP_API_TOKEN"] = appToken });
        var valid = router.Keys.Add("service");
        using var client = router.Client();
        async Task<HttpStatusCode> SendAsync(string? callerApp, string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Json(Hello) };
            request.Headers.Authorization = new("Bearer", key);
            if (callerApp is not null)
            {
                request.Headers.Add("dapr-caller-app-id", callerApp);
                request.Headers.Add("dapr-api-token", appToken);
            }
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            guesses.Add(await SendAsync("agent-guesser", $"aip_guess{i:D4}_{Guid.NewGuid():N}"));
        }
        var otherApp = await SendAsync("agent-honest", valid);
        var direct = await SendAsync(null, valid);
        var guesserWithValidKey = await SendAsync("agent-guesser", valid);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 3), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2)], guesses);
        Assert.Equal(HttpStatusCode.OK, otherApp);
        Assert.Equal(HttpStatusCode.OK, direct); // a caller outside the mesh is its address, not the app's window
        Assert.Equal(HttpStatusCode.TooManyRequests, guesserWithValidKey);
    }

    [Fact]
    public async Task FailedAuthLimit_Zero_TurnsTheThrottleOff()
    {
        using var router = new SecureRouter(settings: new() { ["Router:Auth:FailedAuthPerMinute"] = "0" });
        using var client = router.Client("aip_zzzzzzzz_unknownsecretunknownsecret");

        for (var i = 0; i < 40; i++)
        {
            using var response = await client.PostAsync("/v1/chat/completions", Json(Hello));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task FloodOfUnknownKeys_NeverEvictsAValidKey()
    {
        var directory = new FakeKeyDirectory();
        var valid = directory.Add("service");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Options.Create(new AuthOptions());
        var keys = new DatabaseKeyAuthenticator(directory, new KeyUsageTracker(), options, time);
        Assert.NotNull((await keys.AuthenticateAsync(valid, CancellationToken.None)).Identity);

        for (var i = 0; i < 50_000; i++)
        {
            Assert.Null((await keys.AuthenticateAsync($"aip_{i:x8}_{Guid.NewGuid():N}", CancellationToken.None)).Identity);
        }
        var verificationsBefore = directory.Verifications;
        var again = await keys.AuthenticateAsync(valid, CancellationToken.None);

        Assert.NotNull(again.Identity);
        Assert.Equal(verificationsBefore, directory.Verifications); // served from the cache: not evicted
        Assert.Equal(1, keys.ValidEntries);
        Assert.True(keys.InvalidEntries <= options.Value.NegativeCacheEntries, $"{keys.InvalidEntries}");
    }

    [Fact]
    public async Task UnknownKey_IsRememberedAsUnknown_UntilItsTtl()
    {
        var directory = new FakeKeyDirectory();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var keys = new DatabaseKeyAuthenticator(directory, new KeyUsageTracker(), Options.Create(new AuthOptions { NegativeCacheSeconds = 5 }), time);
        const string unknown = "aip_zzzzzzzz_unknownsecretunknownsecret";

        await keys.AuthenticateAsync(unknown, CancellationToken.None);
        await keys.AuthenticateAsync(unknown, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(6));
        await keys.AuthenticateAsync(unknown, CancellationToken.None);

        Assert.Equal(2, directory.Verifications);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task JwtWithoutSubjectOrClientId_Is401_NamingTheMissingClaim(string? subject)
    {
        using var router = new SecureRouter();
        using var client = router.Client(Tokens.Create(subject: subject));

        using var response = await client.PostAsync("/v1/chat/completions", Json(Hello));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = await OpenAiErrorAsync(response);
        Assert.Equal("authentication_error", error.GetProperty("type").GetString());
        Assert.Equal("The bearer token names no caller: it needs a 'sub' or 'client_id' claim.", error.GetProperty("message").GetString());
        Assert.True(router.Base.Backend.Calls.IsEmpty);
    }

    [Fact]
    public async Task JwtWithClientIdOnly_IsThatCaller()
    {
        using var router = new SecureRouter();
        using var client = router.Client(Tokens.Create(subject: null, clientId: "ci-agent"));

        using var response = await client.PostAsync("/v1/chat/completions", Json(Hello));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("openai/ ")]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("*/gpt-4o")]
    [InlineData("openai/gpt-*")]
    [InlineData("open ai")]
    public void AllowList_OnlyMalformedEntries_AllowsNothing(string entry)
    {
        var identity = DatabaseKeyAuthenticator.ToIdentity(new KeyRecord { Id = "k1", Role = "service", AllowedModels = [entry] });

        Assert.NotNull(identity.AllowedProviders);
        Assert.Empty(identity.AllowedProviders);
    }

    [Fact]
    public async Task KeyWithMalformedAllowList_IsRefusedEveryModel_NotAllowedEverything()
    {
        using var router = new SecureRouter();
        var key = router.Keys.Add("service", allowedModels: ["openai/ "]);
        using var client = router.Client(key);

        using var response = await client.PostAsync("/v1/chat/completions", Json(Hello));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("model_not_allowed", (await OpenAiErrorAsync(response)).GetProperty("code").GetString());
        Assert.True(router.Base.Backend.Calls.IsEmpty);
    }
}
