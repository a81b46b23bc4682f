using System.Net;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Router.Tests.Api;

namespace Dapr.AiProvider.Router.Tests.Security;

/// <summary>
/// Issue #18.8: a request through the router's own sidecar (app token checked) carries its caller's Dapr app id; an
/// admitted app needs no key. The header alone, without the token, is ignored. The sidecar hop itself is covered
/// by <c>tests/Router.Tests/EndToEnd/RouterOverDaprTests.cs</c>.
/// </summary>
public class MeshIdentityTests
{
    private const string AppToken = "app-token-for-tests-0123456789";
    private const string Hello = """{"model":"auto","messages":[{"role":"user","content":"hi"}]}""";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static SecureRouter Router() => new(settings: new() { ["APP_API_TOKEN"] = AppToken });

    private static HttpRequestMessage ViaSidecar(string appId, string? token = AppToken, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Json(Hello) };
        request.Headers.Add("dapr-caller-app-id", appId);
        if (token is not null)
        {
            request.Headers.Add("dapr-api-token", token);
        }
        if (key is not null)
        {
            request.Headers.Authorization = new("Bearer", key);
        }
        return request;
    }

    private static async Task AdmitAsync(SecureRouter router, string appId, string body)
    {
        using var admin = router.Client(RouterFactory.Key);
        using var response = await admin.PutAsync($"/admin/apps/{appId}", Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<Contracts.Usage.UsageRecorded> SingleUsageAsync(SecureRouter router)
    {
        for (var i = 0; i < 100 && router.Base.Usage.Published.IsEmpty; i++)
        {
            await Task.Delay(50);
        }
        return Assert.Single(router.Base.Usage.Published);
    }

    [Fact]
    public async Task AdmittedApp_WithTheAppToken_IsItsOwnCaller_WithoutAKey()
    {
        using var router = Router();
        await AdmitAsync(router, "agent-qa", """{"role":"service","team":"qa"}""");
        using var client = router.Client();

        using var response = await client.SendAsync(ViaSidecar("agent-qa"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var usage = await SingleUsageAsync(router);
        Assert.Equal("app:agent-qa", usage.ApiKeyId);
        Assert.Equal("agent-qa", usage.CallerAppId);
        Assert.Equal("qa", usage.Team);
        Assert.Equal(0, router.Keys.Verifications);
        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("caller_app=\"agent-qa\"", metrics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    [InlineData("")]
    public async Task CallerHeader_WithoutTheAppToken_IsIgnored_401(string? token)
    {
        using var router = Router();
        await AdmitAsync(router, "agent-qa", """{"role":"service"}""");
        using var client = router.Client();

        using var response = await client.SendAsync(ViaSidecar("agent-qa", token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("Missing API key", body.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(router.Base.Backend.Calls.IsEmpty);
    }

    [Fact]
    public async Task NoAppTokenConfigured_TheHeaderIsNeverTrusted()
    {
        using var router = new SecureRouter();
        await AdmitAsync(router, "agent-qa", """{"role":"service"}""");
        using var client = router.Client();

        using var response = await client.SendAsync(ViaSidecar("agent-qa", token: ""));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AppNotAdmitted_Is401_SayingHowToAdmitIt()
    {
        using var router = Router();
        using var client = router.Client();

        using var response = await client.SendAsync(ViaSidecar("agent-unknown"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("PUT /admin/apps/agent-unknown", body.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyCaller_ThroughTheSidecar_IsChargedToItsKey_AndAttributedToItsApp()
    {
        using var router = Router();
        var key = router.Keys.Add("service");
        using var client = router.Client();

        using var response = await client.SendAsync(ViaSidecar("agent-dev", key: key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var usage = await SingleUsageAsync(router);
        Assert.Equal(router.Keys.IdOf(key), usage.ApiKeyId);
        Assert.Equal("agent-dev", usage.CallerAppId);
    }

    [Fact]
    public async Task RemovedApp_IsRefusedAgain()
    {
        using var router = Router();
        await AdmitAsync(router, "agent-qa", """{"role":"service"}""");
        using var admin = router.Client(RouterFactory.Key);
        using var removed = await admin.DeleteAsync("/admin/apps/agent-qa");
        using var client = router.Client();

        using var response = await client.SendAsync(ViaSidecar("agent-qa"));

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("agent-qa", """{"role":"admin"}""", "role")]
    [InlineData("agent-qa", """{"role":"service","allowedModels":["openai/ "]}""", "allowedModels")]
    [InlineData("agent qa", """{"role":"service"}""", "appId")]
    [InlineData("agent-qa", """{"team":"qa"}""", "role")]
    public async Task Admit_InvalidEntry_Is422NamingTheField(string appId, string body, string param)
    {
        using var router = Router();
        using var admin = router.Client(RouterFactory.Key);

        using var response = await admin.PutAsync($"/admin/apps/{Uri.EscapeDataString(appId)}", Json(body));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(param, problem.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Empty((await router.MeshApps.GetAsync(CancellationToken.None)).Value ?? []);
    }
}
