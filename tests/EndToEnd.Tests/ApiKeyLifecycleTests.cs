using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dapr.AiProvider.EndToEnd.Tests;

/// <summary>An admin creates a key for an agent; the agent uses it within its role; revocation locks it out.</summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", "Process")]
public sealed class ApiKeyLifecycleTests(GatewayStack stack)
{
    [Fact]
    public async Task ServiceKey_CreatedUsedRevoked_LosesAccessWithinTheCacheLifetime()
    {
        using var created = await stack.Client.PostAsJsonAsync("/admin/keys", new { name = "agent-e2e", role = "service" });
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.IsSuccessStatusCode, body);
        using var json = JsonDocument.Parse(body);
        var key = json.RootElement.GetProperty("key").GetString()!;
        var id = json.RootElement.GetProperty("info").GetProperty("id").GetString()!;
        Assert.StartsWith("aip_", key, StringComparison.Ordinal);

        using var agent = new HttpClient { BaseAddress = stack.RouterUrl };
        agent.DefaultRequestHeaders.Authorization = new("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await Chat(agent)).StatusCode);
        using (var forbidden = await agent.GetAsync("/admin/keys"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        using (var revoked = await stack.Client.DeleteAsync($"/admin/keys/{id}"))
        {
            Assert.True(revoked.IsSuccessStatusCode, await revoked.Content.ReadAsStringAsync());
        }
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(GatewayStack.KeyCacheSeconds + 10);
        HttpStatusCode status;
        do
        {
            await Task.Delay(250);
            using var after = await Chat(agent);
            status = after.StatusCode;
        }
        while (status != HttpStatusCode.Unauthorized && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    private static Task<HttpResponseMessage> Chat(HttpClient client) =>
        client.PostAsJsonAsync("/v1/chat/completions", new
        {
            model = "auto",
            messages = new[] { new { role = "user", content = "Key check " + Guid.NewGuid() } },
        });
}
