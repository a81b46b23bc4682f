using Microsoft.Extensions.Time.Testing;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Dapr.AiProvider.Router.Tests.Security;

/// <summary>Every credential case → the exact status, in the path's dialect (OpenAI JSON on /v1, ProblemDetails elsewhere).</summary>
public class AuthMatrixTests
{
    private const string Hello = """{"model":"auto","messages":[{"role":"user","content":"hi"}]}""";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string?> ErrorCode(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("error").GetProperty("code").GetString();
    }

    private static async Task AssertOpenAiErrorAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(type, body.RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, body.RootElement.GetProperty("status").GetInt32());
    }

    public static TheoryData<string, string?> Unauthenticated() => new()
    {
        { "none", null },
        { "basic", "Basic dXNlcjpwYXNz" },
        { "empty bearer", "Bearer " },
        { "garbage bearer", "Bearer not-a-key" },
        { "expired jwt", "Bearer " + Tokens.Create(expires: DateTime.UtcNow.AddMinutes(-5)) },
        { "wrong audience jwt", "Bearer " + Tokens.Create(audience: "someone-else") },
        { "wrong signature jwt", "Bearer " + Tokens.Create(secret: "another-secret-that-is-long-enough-0123456789") },
        { "tampered jwt", "Bearer " + Tokens.Create()[..^4] + "AAAA" },
        { "unknown aip key", "Bearer aip_zzzzzzzz_unknownsecretunknownsecret" },
    };

    [Theory]
    [MemberData(nameof(Unauthenticated))]
    public async Task ChatCompletions_BadCredentials_Are401OpenAi(string name, string? authorization)
    {
        using var router = new SecureRouter();
        using var client = router.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Json(Hello) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request);

        await AssertOpenAiErrorAsync(response, HttpStatusCode.Unauthorized, "authentication_error");
        Assert.True(router.Base.Backend.Calls.IsEmpty, name);
    }

    [Theory]
    [MemberData(nameof(Unauthenticated))]
    public async Task Admin_BadCredentials_Are401Problem(string name, string? authorization)
    {
        using var router = new SecureRouter();
        using var client = router.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/keys");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.True(router.Quota.Requests.IsEmpty, name);
    }

    [Fact]
    public async Task RevokedKey_Is401()
    {
        using var router = new SecureRouter();
        var key = router.Keys.Add("service");
        router.Keys.Revoke(key);
        using var client = router.Client(key);

        using var response = await client.PostAsync("/v1/chat/completions", Json(Hello));

        await AssertOpenAiErrorAsync(response, HttpStatusCode.Unauthorized, "authentication_error");
    }

    [Theory]
    [InlineData("service")]
    [InlineData("user")]
    [InlineData("admin")]
    public async Task AiCallerRoles_KeyAndJwt_Are200(string role)
    {
        using var router = new SecureRouter();
        using var keyClient = router.Client(router.Keys.Add(role));
        using var jwtClient = router.Client(Tokens.Create(role));

        using var byKey = await keyClient.PostAsync("/v1/chat/completions", Json(Hello));
        using var byJwt = await jwtClient.PostAsync("/ai/process", Json("""{"prompt":"hi"}"""));

        Assert.Equal(HttpStatusCode.OK, byKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byJwt.StatusCode);
    }

    [Fact]
    public async Task Viewer_OnAiEndpoints_Is403InEachDialect()
    {
        using var router = new SecureRouter();
        using var client = router.Client(router.Keys.Add("viewer"));

        using var chat = await client.PostAsync("/v1/chat/completions", Json(Hello));
        using var task = await client.PostAsync("/ai/process", Json("""{"prompt":"hi"}"""));

        await AssertOpenAiErrorAsync(chat, HttpStatusCode.Forbidden, "permission_error");
        await AssertProblemAsync(task, HttpStatusCode.Forbidden);
        Assert.True(router.Base.Backend.Calls.IsEmpty);
    }

    [Fact]
    public async Task JwtWithoutRole_Is403()
    {
        using var router = new SecureRouter();
        using var client = router.Client(Tokens.Create(role: null));

        using var response = await client.PostAsync("/v1/chat/completions", Json(Hello));

        await AssertOpenAiErrorAsync(response, HttpStatusCode.Forbidden, "permission_error");
    }

    [Theory]
    [InlineData("service", "/admin/keys", HttpStatusCode.Forbidden)]
    [InlineData("user", "/admin/keys", HttpStatusCode.Forbidden)]
    [InlineData("viewer", "/admin/keys", HttpStatusCode.Forbidden)]
    [InlineData("viewer", "/admin/circuits", HttpStatusCode.Forbidden)]
    [InlineData("service", "/admin/usage", HttpStatusCode.Forbidden)]
    [InlineData("viewer", "/admin/usage", HttpStatusCode.OK)]
    [InlineData("viewer", "/admin/usage/top-consumers", HttpStatusCode.OK)]
    [InlineData("admin", "/admin/keys", HttpStatusCode.OK)]
    [InlineData("admin", "/admin/usage/cache-hit-rate", HttpStatusCode.OK)]
    public async Task AdminEndpoints_RoleMatrix(string role, string path, HttpStatusCode expected)
    {
        using var router = new SecureRouter();
        using var client = router.Client(router.Keys.Add(role));

        using var response = await client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task DatabaseKey_IsCached_AndRevocationTakesEffectAfterTtl()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var router = new SecureRouter(settings: new() { ["Router:Auth:KeyCacheSeconds"] = "1" }, time: time);
        var key = router.Keys.Add("service");
        using var client = router.Client(key);

        using var first = await client.PostAsync("/v1/chat/completions", Json(Hello));
        using var second = await client.PostAsync("/v1/chat/completions", Json(Hello));
        router.Keys.Revoke(key);
        time.Advance(TimeSpan.FromSeconds(1.2));
        using var afterRevoke = await client.PostAsync("/v1/chat/completions", Json(Hello));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Equal(2, router.Keys.Verifications);
    }

    [Fact]
    public async Task QuotaDown_UnseenKeyIs503NotCountedAsFailure_CachedKeyKeepsWorking()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var router = new SecureRouter(settings: new() { ["Router:Auth:KeyCacheSeconds"] = "1" }, time: time);
        var known = router.Keys.Add("service");
        var unseen = router.Keys.Add("service");
        using var knownClient = router.Client(known);
        using var unseenClient = router.Client(unseen);
        using var warm = await knownClient.PostAsync("/v1/chat/completions", Json(Hello));
        router.Keys.Down = true;
        time.Advance(TimeSpan.FromSeconds(1.1));

        using var stale = await knownClient.PostAsync("/v1/chat/completions", Json(Hello));
        using var refused = await unseenClient.PostAsync("/v1/chat/completions", Json(Hello));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        // No verdict is not a refusal: a valid key met during a quota outage is told to retry, not that it is invalid.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("quota_service_unavailable", await ErrorCode(refused));
        Assert.Equal("2", refused.Headers.GetValues("Retry-After").Single());

        // Nor is it a failed authentication: far more unverifiable tries than the throttle allows, then quota is back
        // and the same client's key works at once.
        for (var i = 0; i < 30; i++)
        {
            using var again = await unseenClient.PostAsync("/v1/chat/completions", Json(Hello));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
        }
        router.Keys.Down = false;
        using var back = await unseenClient.PostAsync("/v1/chat/completions", Json(Hello));
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    [Fact]
    public async Task KeyAllowList_RestrictsProviders()
    {
        using var router = new SecureRouter();
        using var client = router.Client(router.Keys.Add("service", allowedModels: ["anthropic/*"]));

        using var response = await client.PostAsync("/v1/chat/completions", Json(Hello));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(router.Base.Backend.Calls, call => Assert.Equal("anthropic", call.Provider));
        Assert.NotEmpty(router.Base.Backend.Calls);
    }

    [Fact]
    public async Task KeyAllowList_ModelOfOtherProvider_IsRefused()
    {
        using var router = new SecureRouter();
        using var client = router.Client(router.Keys.Add("service", allowedModels: ["anthropic"]));

        using var response = await client.PostAsync("/v1/chat/completions", Json("""{"model":"openai/gpt-4o","messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var error = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("model_not_allowed", error.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.True(router.Base.Backend.Calls.IsEmpty);
    }

    [Fact]
    public async Task LastUsed_IsFlushedOffTheRequestPath()
    {
        using var router = new SecureRouter(settings: new() { ["Router:Auth:LastUsedFlushSeconds"] = "1" });
        var key = router.Keys.Add("service");
        using var client = router.Client(key);

        using var response = await client.PostAsync("/v1/chat/completions", Json(Hello));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (router.Keys.Touched.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Contains(router.Keys.IdOf(key), router.Keys.Touched);
    }

    [Fact]
    public async Task BootstrapKeyInAipFormat_FromRunSh_IsAdmin_WithoutAskingQuota()
    {
        const string bootstrap = "aip_0123456789abcdef0123456789abcdef0123456789abcdef";
        using var router = new SecureRouter(settings: new() { ["Router:BootstrapKey"] = bootstrap });
        using var client = router.Client(bootstrap);

        using var chat = await client.PostAsync("/v1/chat/completions", Json(Hello));
        using var admin = await client.GetAsync("/admin/keys");

        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(0, router.Keys.Verifications);
    }
}
