using System.Net;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Router.Tests.Api;

namespace Dapr.AiProvider.Router.Tests.Security;

/// <summary><c>/admin/providers/registry</c>: forwarded to quota's provider registry, admin writes, viewer reads, all audited.</summary>
public class ProviderAdminTests
{
    private const string Invoke = "/v1.0/invoke/quota/method/";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string[] AuditedActions(SecureRouter router) => [.. router.Quota.Requests
        .Where(r => r.Path.EndsWith("/quota/audit", StringComparison.Ordinal))
        .Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("action").GetString()!)];

    [Fact]
    public async Task AdminWrites_AreForwardedToTheRegistry_WithTheirBodies_AndAudited()
    {
        using var router = new SecureRouter();
        using var client = router.Client(RouterFactory.Key);

        using var put = await client.PutAsync("/admin/providers/registry/acme", Json("""{"family":"openai-compatible"}"""));
        using var patch = await client.PatchAsync("/admin/providers/registry/acme", Json("""{"freeWindows":{"rpm":7}}"""));
        using var disable = await client.PostAsync("/admin/providers/registry/acme/disable", null);
        using var enable = await client.PostAsync("/admin/providers/registry/acme/enable", null);
        using var delete = await client.DeleteAsync("/admin/providers/registry/acme");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NoContent],
            new[] { put.StatusCode, patch.StatusCode, disable.StatusCode, enable.StatusCode, delete.StatusCode });
        var forwarded = router.Quota.Requests.Where(r => !r.Path.EndsWith("/quota/audit", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
            [
                ("PUT", Invoke + "quota/providers/acme", """{"family":"openai-compatible"}"""),
                ("PATCH", Invoke + "quota/providers/acme", """{"freeWindows":{"rpm":7}}"""),
                ("POST", Invoke + "quota/providers/acme/disable", ""),
                ("POST", Invoke + "quota/providers/acme/enable", ""),
                ("DELETE", Invoke + "quota/providers/acme", ""),
            ], forwarded);
        Assert.Equal(["providers.registry.put", "providers.registry.patch", "providers.registry.disable", "providers.registry.enable", "providers.registry.delete"],
            AuditedActions(router));
    }

    [Fact]
    public async Task Viewer_MayRead_ButNotWrite()
    {
        using var router = new SecureRouter();
        using var viewer = router.Client(router.Keys.Add("viewer"));

        using var list = await viewer.GetAsync("/admin/providers/registry");
        using var one = await viewer.GetAsync("/admin/providers/registry/acme");
        using var put = await viewer.PutAsync("/admin/providers/registry/acme", Json("{}"));
        using var patch = await viewer.PatchAsync("/admin/providers/registry/acme", Json("{}"));
        using var disable = await viewer.PostAsync("/admin/providers/registry/acme/disable", null);
        using var delete = await viewer.DeleteAsync("/admin/providers/registry/acme");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.All(new[] { put, patch, disable, delete }, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        var forwarded = router.Quota.Requests.Where(r => !r.Path.EndsWith("/quota/audit", StringComparison.Ordinal)).Select(r => r.Method + " " + r.Path);
        Assert.Equal(["GET " + Invoke + "quota/providers", "GET " + Invoke + "quota/providers/acme"], forwarded);
        Assert.Equal(["providers.registry.list", "providers.registry.read"], AuditedActions(router));
    }

    [Theory]
    [InlineData("user")]
    [InlineData("service")]
    public async Task OtherRoles_MayNotEvenRead(string role)
    {
        using var router = new SecureRouter();
        using var client = router.Client(router.Keys.Add(role));

        using var list = await client.GetAsync("/admin/providers/registry");

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.DoesNotContain(router.Quota.Requests, r => r.Path.Contains("quota/providers", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QuotasRefusal_IsRelayedAsIs_AndAuditedWithItsStatus()
    {
        using var router = new SecureRouter();
        const string problem = """{"title":"The provider's settings are not valid","status":400,"errors":{"baseUrl":["'ftp://x' is not an absolute http(s) URL."]}}""";
        router.Quota.Answer = request => request.Method == HttpMethod.Put
            ? new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent(problem, Encoding.UTF8, "application/problem+json") }
            : null;
        using var client = router.Client(RouterFactory.Key);

        using var put = await client.PutAsync("/admin/providers/registry/acme", Json("""{"baseUrl":"ftp://x"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("application/problem+json", put.Content.Headers.ContentType?.MediaType);
        Assert.Equal(problem, await put.Content.ReadAsStringAsync());
        var audit = Assert.Single(router.Quota.Requests, r => r.Path.EndsWith("/quota/audit", StringComparison.Ordinal));
        Assert.Contains("status=400", audit.Body, StringComparison.Ordinal);
    }
}
