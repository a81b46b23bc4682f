using System.Net;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Usage;
using Dapr.AiProvider.Router.Console;
using Dapr.AiProvider.Router.Tests.Api;
using Dapr.AiProvider.Router.Tests.Security;

namespace Dapr.AiProvider.Router.Tests.Console;

public class ConsoleApiTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("/console/", "text/html; charset=utf-8")]
    [InlineData("/console/app.js", "text/javascript; charset=utf-8")]
    [InlineData("/console/console.css", "text/css; charset=utf-8")]
    public async Task ConsoleFiles_AreServedWithTheStrictPolicy(string path, string contentType)
    {
        using var factory = new RouterFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.ToString());
        Assert.Equal("default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
            string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task ConsolePage_HasNoInlineScriptOrStyle()
    {
        using var factory = new RouterFactory();
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync("/console/");

        Assert.Contains("<script type=\"module\" src=\"/console/app.js\"></script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" on", html.Replace(" only", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownConsoleFile_Is404_AndTheBarePathRedirects()
    {
        using var factory = new RouterFactory();
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        using var missing = await client.GetAsync("/console/secrets.json");
        using var bare = await client.GetAsync("/console");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
        Assert.Equal("/console/", bare.Headers.Location!.ToString());
    }

    [Fact]
    public async Task UsageEvent_CarriesTheRoutingExplanation_ForTheLedger()
    {
        using var factory = new RouterFactory();
        factory.Backend.Fail("github/gpt-4o-mini", ErrorClass.RateLimited, DateTimeOffset.UtcNow.AddMinutes(1));
        using var client = factory.Authed();
        using var chat = await client.PostAsync("/v1/chat/completions", Json("""{"model":"auto","messages":[{"role":"user","content":"hi"}]}"""));
        var requestId = string.Join(",", chat.Headers.GetValues("x-aiprovider-request-id"));
        for (var i = 0; i < 100 && factory.Usage.Published.IsEmpty; i++)
        {
            await Task.Delay(20);
        }

        var usage = Assert.Single(factory.Usage.Published);

        Assert.Equal(requestId, usage.RequestId);
        Assert.Equal(("openai", 2, 200), (usage.Provider, usage.Attempts, usage.Status));
        var decision = Assert.IsType<RoutingExplanation>(usage.Decision);
        Assert.Equal("auto", decision.RequestedModel);
        Assert.Equal(["github/gpt-4o-mini:rate_limited"], decision.FailedCandidates);
        Assert.Equal(string.Join(",", chat.Headers.GetValues("x-aiprovider-route-reason")), decision.RouteReason);
        Assert.Equal("bypass", decision.Cache);
    }

    [Fact]
    public async Task UsageEvent_BoundsACallerChosenModelName()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();
        var model = "<b>" + new string('x', 5_000);
        using var chat = await client.PostAsync("/v1/chat/completions", Json($$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}]}"""));
        for (var i = 0; i < 100 && factory.Usage.Published.IsEmpty; i++)
        {
            await Task.Delay(20);
        }

        var usage = Assert.Single(factory.Usage.Published);

        Assert.Equal(model[..RoutingExplanation.MaxText], usage.Decision!.RequestedModel);
    }

    [Theory]
    [InlineData("/admin/decisions?requestId=req_abc&limit=5&outcome=error", "/quota/decisions?requestId=req_abc&limit=5&outcome=error")]
    [InlineData("/admin/overview", "/quota/overview")]
    public async Task DecisionsAndOverview_AreReadFromTheLedgerThroughQuota(string path, string quotaPath)
    {
        using var router = new SecureRouter();
        using var client = router.Client(router.Keys.Add("viewer", id: "key_viewer"));

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"ok":true}""", await response.Content.ReadAsStringAsync());
        // Through the sidecar's service invocation to the quota app; console reads are not audited (the live view polls).
        var forwarded = Assert.Single(router.Quota.Requests);
        Assert.Equal(("GET", "/v1.0/invoke/quota/method" + quotaPath), (forwarded.Method, forwarded.Path));
    }

    [Fact]
    public async Task OverviewEvents_SendQuotasOverviewAsALiveEvent()
    {
        using var router = new SecureRouter();
        using var client = router.Client(router.Keys.Add("viewer", id: "key_viewer"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        using var response = await client.GetAsync("/admin/overview/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var first = await reader.ReadLineAsync(timeout.Token);
        var second = await reader.ReadLineAsync(timeout.Token);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(("event: overview", """data: {"ok":true}"""), (first, second));
    }

    [Fact]
    public async Task Decisions_QuotaOutOfReach_Is503QuotaUnavailable()
    {
        using var factory = new RouterFactory();
        factory.Settings["DAPR_HTTP_ENDPOINT"] = "http://127.0.0.1:1"; // nothing listens on port 1
        using var client = factory.Authed();

        using var response = await client.GetAsync("/admin/decisions");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("quota_unavailable", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/admin/me", HttpStatusCode.OK)]
    [InlineData("GET", "/admin/overview", HttpStatusCode.OK)]
    [InlineData("GET", "/admin/decisions", HttpStatusCode.OK)]
    [InlineData("GET", "/admin/providers", HttpStatusCode.OK)]
    [InlineData("GET", "/admin/alerts", HttpStatusCode.OK)]
    [InlineData("GET", "/admin/quotas/global", HttpStatusCode.OK)]
    [InlineData("GET", "/admin/keys", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/admin/circuits", HttpStatusCode.Forbidden)]
    [InlineData("POST", "/admin/keys", HttpStatusCode.Forbidden)]
    [InlineData("DELETE", "/admin/keys/key_1", HttpStatusCode.Forbidden)]
    [InlineData("POST", "/admin/providers/openai/disable", HttpStatusCode.Forbidden)]
    [InlineData("POST", "/admin/providers/openai/enable", HttpStatusCode.Forbidden)]
    [InlineData("POST", "/admin/circuits/reset?key=circuit:openai", HttpStatusCode.Forbidden)]
    [InlineData("PUT", "/admin/quotas/global", HttpStatusCode.Forbidden)]
    public async Task Viewer_ReadsTheConsoleViews_ButEveryChangeIsRefused(string method, string path, HttpStatusCode expected)
    {
        using var router = new SecureRouter();
        using var client = router.Client(router.Keys.Add("viewer", id: "key_viewer"));

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method is "POST" or "PUT" ? Json("{}") : null,
        });

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Contains("insufficient_role", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain(router.Quota.Requests, r => r.Method == method && !r.Path.EndsWith("/quota/audit", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("user")]
    [InlineData("service")]
    public async Task AiCallerRoles_MayNotUseTheConsoleApi(string role)
    {
        using var router = new SecureRouter();
        using var client = router.Client(router.Keys.Add(role));

        using var me = await client.GetAsync("/admin/me");
        using var decisions = await client.GetAsync("/admin/decisions");

        Assert.Equal(HttpStatusCode.Forbidden, me.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, decisions.StatusCode);
    }

    [Fact]
    public async Task Me_SaysWhoTheKeyIs()
    {
        using var router = new SecureRouter();
        using var client = router.Client(router.Keys.Add("viewer", id: "key_viewer", team: "ops"));

        using var body = JsonDocument.Parse(await client.GetStringAsync("/admin/me"));

        Assert.Equal("key_viewer", body.RootElement.GetProperty("keyId").GetString());
        Assert.Equal("viewer", body.RootElement.GetProperty("role").GetString());
        Assert.Equal("ops", body.RootElement.GetProperty("team").GetString());
    }
}
