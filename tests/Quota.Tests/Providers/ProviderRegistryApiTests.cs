using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Quota.Tests.Infrastructure;

namespace Dapr.AiProvider.Quota.Tests.Providers;

/// <summary>The provider registry's API on quota against real PostgreSQL (issue #17.6).</summary>
[Trait("Category", "Process")]
public class ProviderRegistryApiTests
{
    private static object Groqish(long rpm = 30, string baseUrl = "https://api.example.test/openai/v1") => new
    {
        family = "openai-compatible",
        baseUrl,
        simulatorPath = "/groq/openai/v1",
        apiKeySecret = "example-api-key",
        rateLimitHeaders = "groq",
        models = new object[]
        {
            new { model = "small-free", freeTier = true, contextWindow = 131072, maxOutputTokens = 8192, freeWindows = new { rpm, rpd = 1000 } },
            new { model = "big-paid", contextWindow = 131072, maxOutputTokens = 8192, price = new { inputPerMTokMicros = 100_000, outputPerMTokMicros = 500_000 } },
        },
    };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task<JsonElement> ErrorsOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await JsonAsync(response)).GetProperty("errors");
    }

    private static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Put_Get_List_Patch_Disable_Delete_RoundTrip()
    {
        await using var session = await QuotaAppSession.StartAsync();
        var client = session.Client;

        using var created = await client.PutAsJsonAsync("/quota/providers/example", Groqish());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var first = await JsonAsync(created);
        Assert.Equal("example", first.GetProperty("id").GetString());
        Assert.True(first.GetProperty("enabled").GetBoolean());
        Assert.Equal("admin", first.GetProperty("origin").GetString());

        using var replaced = await client.PutAsJsonAsync("/quota/providers/example", Groqish(rpm: 40));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.True((await JsonAsync(replaced)).GetProperty("revision").GetInt64() > first.GetProperty("revision").GetInt64());

        // Merge patch: arrays are replaced whole, objects merged, null removes.
        using var patched = await client.PatchAsync("/quota/providers/example", Raw("""{"rateLimitHeaders":"openai","simulatorPath":null}"""));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var config = (await JsonAsync(patched)).GetProperty("config");
        Assert.Equal("openai", config.GetProperty("rateLimitHeaders").GetString());
        Assert.False(config.TryGetProperty("simulatorPath", out _));
        Assert.Equal(40, config.GetProperty("models")[0].GetProperty("freeWindows").GetProperty("rpm").GetInt64());

        using var disabled = await client.PostAsync("/quota/providers/example/disable", null);
        Assert.False((await JsonAsync(disabled)).GetProperty("enabled").GetBoolean());
        Assert.Equal("openai-compatible", await Sql.ScalarAsync<string>(session.ConnectionString, "SELECT family FROM providers WHERE id = 'example'"));

        var list = await client.GetFromJsonAsync<JsonElement>("/quota/providers");
        var revisionBeforeDelete = list.GetProperty("revision").GetInt64();
        Assert.Contains(list.GetProperty("providers").EnumerateArray(), p => p.GetProperty("id").GetString() == "example" && !p.GetProperty("enabled").GetBoolean());

        using var deleted = await client.DeleteAsync("/quota/providers/example");
        using var deletedAgain = await client.DeleteAsync("/quota/providers/example");
        using var gone = await client.GetAsync("/quota/providers/example");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        var after = await client.GetFromJsonAsync<JsonElement>("/quota/providers");
        Assert.DoesNotContain(after.GetProperty("providers").EnumerateArray(), p => p.GetProperty("id").GetString() == "example");
        // A delete moves the registry's revision, so the adapters see it.
        Assert.True(after.GetProperty("revision").GetInt64() > revisionBeforeDelete);
    }

    [Fact]
    public async Task Put_InvalidSettings_400NamingEachField_LastGoodStays()
    {
        await using var session = await QuotaAppSession.StartAsync();
        var client = session.Client;
        using var good = await client.PutAsJsonAsync("/quota/providers/example", Groqish());
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);

        using var bad = await client.PutAsJsonAsync("/quota/providers/example", new
        {
            family = "smoke-signals",
            baseUrl = "ftp://nowhere",
            headers = new Dictionary<string, string> { ["Authorization"] = "Bearer sk-live" },
            freeWindows = new { rpm = -5 },
            models = new object[]
            {
                new { model = "paid-without-price", contextWindow = 1000 },
                new { model = "small", freeTier = true, contextWindow = 100, maxOutputTokens = 200 },
            },
        });

        var errors = await ErrorsOf(bad);
        Assert.Contains("Unknown wire format 'smoke-signals'", errors.GetProperty("family")[0].GetString());
        Assert.Contains("ftp://nowhere", errors.GetProperty("baseUrl")[0].GetString());
        Assert.True(errors.TryGetProperty("headers.Authorization", out _));
        Assert.True(errors.TryGetProperty("freeWindows.rpm", out _));
        Assert.Contains("price", errors.GetProperty("models[0].price")[0].GetString());
        Assert.True(errors.TryGetProperty("models[1].maxOutputTokens", out _));

        var stored = await client.GetFromJsonAsync<JsonElement>("/quota/providers/example");
        Assert.Equal("openai-compatible", stored.GetProperty("config").GetProperty("family").GetString());
        Assert.Equal((await JsonAsync(good)).GetProperty("revision").GetInt64(), stored.GetProperty("revision").GetInt64());
    }

    [Fact]
    public async Task Patch_ThatWouldBreakTheSettings_400_StoredUnchanged()
    {
        await using var session = await QuotaAppSession.StartAsync();
        var client = session.Client;
        using var good = await client.PutAsJsonAsync("/quota/providers/example", Groqish());
        var before = (await JsonAsync(good)).GetProperty("revision").GetInt64();

        using var negative = await client.PatchAsync("/quota/providers/example", Raw("""{"freeWindows":{"rpd":-1}}"""));
        using var noModels = await client.PatchAsync("/quota/providers/example", Raw("""{"models":[]}"""));
        using var typo = await client.PatchAsync("/quota/providers/example", Raw("""{"baseURL":"https://x.test"}"""));
        using var notJson = await client.PatchAsync("/quota/providers/example", Raw("{nope"));
        using var unknown = await client.PatchAsync("/quota/providers/nobody", Raw("""{"family":"openai"}"""));

        Assert.True((await ErrorsOf(negative)).TryGetProperty("freeWindows.rpd", out _));
        Assert.True((await ErrorsOf(noModels)).TryGetProperty("models", out _));
        Assert.True((await ErrorsOf(typo)).TryGetProperty("baseURL", out _));
        Assert.True((await ErrorsOf(notJson)).TryGetProperty("body", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var stored = await client.GetFromJsonAsync<JsonElement>("/quota/providers/example");
        Assert.Equal(before, stored.GetProperty("revision").GetInt64());
        Assert.False(stored.GetProperty("config").TryGetProperty("freeWindows", out _));
    }

    [Fact]
    public async Task Seed_AddsWhatTheTableNeverHeld_UpdatesRowsStillAsSeeded_NeverOverwritesAnOperatorsChange()
    {
        await using var session = await QuotaAppSession.StartAsync();
        var client = session.Client;
        object Seed(params (string Id, bool Enabled, long Rpm)[] providers) => new
        {
            providers = providers.Select(p => new
            {
                id = p.Id, enabled = p.Enabled, family = "openai-compatible", baseUrl = "https://api.example.test/v1",
                models = new[] { new { model = "m", freeTier = true, freeWindows = new { rpm = p.Rpm } } },
            }),
        };

        using var first = await client.PostAsJsonAsync("/quota/provider-seed", Seed(("alpha", true, 10), ("beta", true, 10), ("copilotish", false, 10)));
        Assert.Equal(["alpha", "beta", "copilotish"], (await JsonAsync(first)).GetProperty("added").EnumerateArray().Select(e => e.GetString()));
        var copilot = await client.GetFromJsonAsync<JsonElement>("/quota/providers/copilotish");
        Assert.False(copilot.GetProperty("enabled").GetBoolean());
        Assert.False(copilot.GetProperty("config").TryGetProperty("enabled", out _));
        Assert.Equal("seed", copilot.GetProperty("origin").GetString());

        // The operator changes alpha and deletes beta; providers.json still has them with the old figures.
        using var patch = await client.PatchAsync("/quota/providers/alpha", Raw("""{"models":[{"model":"m","freeTier":true,"freeWindows":{"rpm":99}}]}"""));
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        using var delete = await client.DeleteAsync("/quota/providers/beta");
        // A newer providers.json (a release) also changes copilotish, which nobody edited: that row follows the file.
        using var again = await client.PostAsJsonAsync("/quota/provider-seed",
            Seed(("alpha", true, 10), ("beta", true, 10), ("gamma", true, 10), ("copilotish", true, 20)));

        var againResult = await JsonAsync(again);
        Assert.Equal(["gamma"], againResult.GetProperty("added").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["copilotish"], againResult.GetProperty("updated").EnumerateArray().Select(e => e.GetString()));
        copilot = await client.GetFromJsonAsync<JsonElement>("/quota/providers/copilotish");
        Assert.Equal(20, copilot.GetProperty("config").GetProperty("models")[0].GetProperty("freeWindows").GetProperty("rpm").GetInt64());
        Assert.False(copilot.GetProperty("enabled").GetBoolean()); // the switch stays the row's, not the file's
        Assert.Equal("seed", copilot.GetProperty("origin").GetString());

        // The same file again changes nothing (no new revision for the adapters to rebuild on).
        using var same = await client.PostAsJsonAsync("/quota/provider-seed",
            Seed(("alpha", true, 10), ("beta", true, 10), ("gamma", true, 10), ("copilotish", true, 20)));
        var sameResult = await JsonAsync(same);
        Assert.Empty(sameResult.GetProperty("added").EnumerateArray());
        Assert.Empty(sameResult.GetProperty("updated").EnumerateArray());
        var alpha = await client.GetFromJsonAsync<JsonElement>("/quota/providers/alpha");
        Assert.Equal(99, alpha.GetProperty("config").GetProperty("models")[0].GetProperty("freeWindows").GetProperty("rpm").GetInt64());
        using var beta = await client.GetAsync("/quota/providers/beta");
        Assert.Equal(HttpStatusCode.NotFound, beta.StatusCode);
    }

    [Fact]
    public async Task Seed_RefusesInvalidSettings_AddsTheRest()
    {
        await using var session = await QuotaAppSession.StartAsync();
        using var response = await session.Client.PostAsJsonAsync("/quota/provider-seed", new
        {
            providers = new object[]
            {
                new { id = "ok", family = "anthropic", baseUrl = "https://api.example.test/v1", models = new[] { new { model = "m", price = new { inputPerMTokMicros = 1, outputPerMTokMicros = 2 } } } },
                new { id = "bad", family = "anthropic", baseUrl = "https://api.example.test/v1", models = new[] { new { model = "m" } } },
            },
        });

        var result = await JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["ok"], result.GetProperty("added").EnumerateArray().Select(e => e.GetString()));
        Assert.True(result.GetProperty("refused").GetProperty("bad").TryGetProperty("models[0].price", out _));
    }
}
