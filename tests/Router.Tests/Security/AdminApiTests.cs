using Dapr.AiProvider.Router.State;
using System.Net;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Router.Circuits;
using Dapr.AiProvider.Router.Tests.Api;

namespace Dapr.AiProvider.Router.Tests.Security;

public class AdminApiTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task CreateKey_IsForwardedToQuota_AndAudited()
    {
        using var router = new SecureRouter();
        using var client = router.Client(RouterFactory.Key);

        using var response = await client.PostAsync("/admin/keys", Json("""{"name":"agent","role":"service"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requests = router.Quota.Requests.ToArray();
        Assert.Contains(requests, r => r.Method == "POST" && r.Path.EndsWith("/v1.0/invoke/quota/method/quota/keys", StringComparison.Ordinal)
                                       && r.Body.Contains("agent", StringComparison.Ordinal));
        var audit = Assert.Single(requests, r => r.Path.EndsWith("/quota/audit", StringComparison.Ordinal));
        Assert.Contains("keys.create", audit.Body, StringComparison.Ordinal);
        Assert.Contains("bootstrap", audit.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeKey_AndQuotaLimits_AreForwarded()
    {
        using var router = new SecureRouter();
        using var client = router.Client(RouterFactory.Key);

        using var revoke = await client.DeleteAsync("/admin/keys/key_123");
        using var limits = await client.PutAsync("/admin/quotas/key:key_123", Json("""{"rules":[]}"""));
        using var status = await client.GetAsync("/admin/quotas/global");
        using var usage = await client.GetAsync("/admin/usage?groupBy=provider");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.OK, limits.StatusCode);
        var paths = router.Quota.Requests.Select(r => r.Method + " " + r.Path).ToArray();
        Assert.Contains(paths, p => p.EndsWith("DELETE /v1.0/invoke/quota/method/quota/keys/key_123", StringComparison.Ordinal) || p == "DELETE /v1.0/invoke/quota/method/quota/keys/key_123");
        Assert.Contains(paths, p => p.StartsWith("PUT ", StringComparison.Ordinal) && p.Contains("quota/limits/key%3Akey_123", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.Contains("quota/status/global", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.Contains("quota/usage?groupBy=provider", StringComparison.Ordinal));
        Assert.Equal(4, router.Quota.Requests.Count(r => r.Path.EndsWith("/quota/audit", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AdminBody_OverLimit_Is413()
    {
        using var router = new SecureRouter();
        using var client = router.Client(RouterFactory.Key);

        using var response = await client.PostAsync("/admin/keys", Json($$"""{"name":"{{new string('x', 70_000)}}","role":"user"}"""));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Circuits_ListAndReset()
    {
        using var router = new SecureRouter();
        var key = StateKeys.ProviderCircuit("openai");
        await router.Base.Circuits.TrySaveAsync(key, new CircuitState { State = CircuitStatus.Open, Failures = 5, NextRetryAt = DateTimeOffset.UtcNow.AddHours(1), Reason = "server_error" }, null, CancellationToken.None);
        using var client = router.Client(RouterFactory.Key);

        using var reset = await client.PostAsync($"/admin/circuits/reset?key={Uri.EscapeDataString(key)}", null);
        using var list = await client.GetAsync("/admin/circuits");
        using var bad = await client.PostAsync("/admin/circuits/reset?key=nope", null);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(CircuitStatus.Closed, router.Base.Circuits.Peek(key)!.State);
        using var body = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        Assert.Contains(body.RootElement.EnumerateArray(), e => e.GetProperty("key").GetString() == key && e.GetProperty("state").GetString() == "closed");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
    }

    [Fact]
    public async Task Providers_ListsCatalog()
    {
        using var router = new SecureRouter();
        using var client = router.Client(RouterFactory.Key);

        using var response = await client.GetAsync("/admin/providers");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(body.RootElement.EnumerateArray(), e => e.GetProperty("provider").GetString() == "anthropic");
    }

    [Theory]
    [InlineData("user", HttpStatusCode.OK)]
    [InlineData("service", HttpStatusCode.OK)]
    [InlineData("viewer", HttpStatusCode.Forbidden)]
    public async Task OwnUsage_IsForwardedWithTheCallersKeyId(string role, HttpStatusCode expected)
    {
        using var router = new SecureRouter();
        var key = router.Keys.Add(role, id: "key_mine");
        using var client = router.Client(key);

        using var response = await client.GetAsync("/usage?from=2026-11-01T00:00:00Z");

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Contains(router.Quota.Requests, r => r.Path == "/v1.0/invoke/quota/method/quota/keys/key_mine/usage?from=2026-11-01T00:00:00Z");
        }
    }
}
