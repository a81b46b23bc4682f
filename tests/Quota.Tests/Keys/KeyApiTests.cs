using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapr.AiProvider.Quota.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Dapr.AiProvider.Quota.Tests.Keys;

[Trait("Category", "Process")]
public class KeyApiTests
{
    private const string Pepper = "test-pepper-0123456789abcdef";

    private static Task<QuotaAppSession> StartAsync(string? pepper = Pepper) =>
        QuotaAppSession.StartAsync(b =>
        {
            if (pepper is not null)
            {
                b.UseSetting("Quota:Keys:Pepper", pepper);
            }
        });

    private static async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/quota/keys", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task Create_ReturnsKeyOnce_StoresOnlyPepperedHash()
    {
        await using var session = await StartAsync();

        var created = await CreateAsync(session.Client, new { name = "agent-a", role = "service", team = "red", allowedModels = new[] { "openai" }, requestsPerMinute = 60 });

        var key = created.GetProperty("key").GetString()!;
        var info = created.GetProperty("info");
        Assert.StartsWith("aip_", key, StringComparison.Ordinal);
        Assert.StartsWith(info.GetProperty("prefix").GetString()!, key, StringComparison.Ordinal);
        Assert.Equal("service", info.GetProperty("role").GetString());
        Assert.Equal(60, info.GetProperty("requestsPerMinute").GetInt32());
        var hash = await Sql.ScalarAsync<string>(session.ConnectionString, "SELECT hash FROM api_keys WHERE id = @id", ("id", info.GetProperty("id").GetString()!));
        Assert.DoesNotContain(key, hash, StringComparison.Ordinal);
        Assert.Equal(64, hash.Length);
        var listed = await session.Client.GetStringAsync("/quota/keys");
        Assert.DoesNotContain(key, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(hash, listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_GoodKey_ReturnsRecord_WrongSecret404()
    {
        await using var session = await StartAsync();
        var created = await CreateAsync(session.Client, new { name = "a", role = "user", allowedModels = new[] { "openai/gpt-4o-mini" } });
        var key = created.GetProperty("key").GetString()!;

        using var good = await session.Client.PostAsJsonAsync("/quota/keys/verify", new { key });
        using var wrong = await session.Client.PostAsJsonAsync("/quota/keys/verify", new { key = key[..^2] + "xx" });
        using var junk = await session.Client.PostAsJsonAsync("/quota/keys/verify", new { key = "not-a-key" });

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var info = JsonDocument.Parse(await good.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("user", info.GetProperty("role").GetString());
        Assert.False(info.GetProperty("revoked").GetBoolean());
        Assert.Equal("openai/gpt-4o-mini", info.GetProperty("allowedModels")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, junk.StatusCode);
    }

    [Fact]
    public async Task Revoke_MarksKeyRevoked_UnknownIs404()
    {
        await using var session = await StartAsync();
        var created = await CreateAsync(session.Client, new { name = "a", role = "user" });
        var key = created.GetProperty("key").GetString()!;
        var id = created.GetProperty("info").GetProperty("id").GetString()!;

        using var revoke = await session.Client.DeleteAsync($"/quota/keys/{id}");
        using var unknown = await session.Client.DeleteAsync("/quota/keys/key_nope");
        using var verify = await session.Client.PostAsJsonAsync("/quota/keys/verify", new { key });

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var info = JsonDocument.Parse(await verify.Content.ReadAsStringAsync()).RootElement;
        Assert.True(info.GetProperty("revoked").GetBoolean());
    }

    [Fact]
    public async Task LastUsed_BatchUpdate_OnlyMovesForward()
    {
        await using var session = await StartAsync();
        var a = (await CreateAsync(session.Client, new { name = "a", role = "user" })).GetProperty("info").GetProperty("id").GetString()!;
        var b = (await CreateAsync(session.Client, new { name = "b", role = "user" })).GetProperty("info").GetProperty("id").GetString()!;
        var later = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

        using var first = await session.Client.PostAsJsonAsync("/quota/keys/last-used", new { ids = new[] { a, b }, at = later });
        using var older = await session.Client.PostAsJsonAsync("/quota/keys/last-used", new { ids = new[] { a }, at = later.AddDays(-1) });

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, older.StatusCode);
        var count = await Sql.ScalarAsync<long>(session.ConnectionString, "SELECT count(*) FROM api_keys WHERE last_used_at = @at", ("at", later));
        Assert.Equal(2, count);
    }

    [Theory]
    [InlineData("""{"role":"user"}""")]
    [InlineData("""{"name":"a","role":"root"}""")]
    [InlineData("""{"name":"a","role":"user","requestsPerMinute":-1}""")]
    public async Task Create_Invalid_Is422(string json)
    {
        await using var session = await StartAsync();

        using var response = await session.Client.PostAsync("/quota/keys", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task NoPepperOutsideDevelopment_Is503_NotAWeakHash()
    {
        await using var session = await StartAsync(pepper: null);

        using var response = await session.Client.PostAsJsonAsync("/quota/keys", new { name = "a", role = "user" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(session.ConnectionString, "SELECT count(*) FROM api_keys"));
    }

    [Fact]
    public async Task Audit_WritesRow()
    {
        await using var session = await StartAsync();

        using var response = await session.Client.PostAsJsonAsync("/quota/audit", new { actor = "key_1", action = "keys.create", target = "key_2", details = "role=user" });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("keys.create", await Sql.ScalarAsync<string>(session.ConnectionString, "SELECT action FROM audit_log WHERE actor = 'key_1'"));
    }
}
