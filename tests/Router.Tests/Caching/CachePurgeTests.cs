using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Tests.Api;
using Dapr.AiProvider.Router.Tests.Fakes;
using Dapr.AiProvider.Router.Tests.Security;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dapr.AiProvider.Router.Tests.Caching;

/// <summary>Admin purges of the response cache (generations in every key) and agents' tasks cached by default.</summary>
public sealed class CachePurgeTests
{
    private const string Classify = """{"taskType":"classify","prompt":"spam or ham?"}""";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    [Fact]
    public void Generation_EachScopeChangesOnlyWhatItCovers()
    {
        var start = CachePurgeState.Empty;

        Assert.Equal("0.0.0", start.GenerationFor("k1", "auto"));
        Assert.Equal("1.0.0", start.After(new CachePurge.All()).GenerationFor("k1", "auto"));
        var keyPurged = start.After(new CachePurge.OfKey("k1"));
        Assert.Equal("0.1.0", keyPurged.GenerationFor("k1", "auto"));
        Assert.Equal("0.0.0", keyPurged.GenerationFor("k2", "auto"));
        var modelPurged = start.After(new CachePurge.OfModel(" Auto ")).After(new CachePurge.OfModel("auto"));
        Assert.Equal("0.0.2", modelPurged.GenerationFor("k1", "AUTO"));
        Assert.Equal("0.0.0", modelPurged.GenerationFor("k1", "free"));
    }

    [Fact]
    public void Key_DependsOnTheGeneration()
    {
        var request = JsonSerializer.Deserialize("""{"model":"auto","temperature":0,"messages":[{"role":"user","content":"hi"}]}""", ContractsJsonContext.Default.ChatCompletionRequest)!;

        Assert.Equal(CacheKeyBuilder.Build("k1", "chat", request, "0.0.0"), CacheKeyBuilder.Build("k1", "chat", request, "0.0.0"));
        Assert.NotEqual(CacheKeyBuilder.Build("k1", "chat", request, "0.0.0"), CacheKeyBuilder.Build("k1", "chat", request, "0.0.1"));
    }

    [Fact]
    public async Task Purge_IsSeenByAnotherReplica_AfterItsRefresh()
    {
        var shared = new InMemoryCachePurgeStore();
        var first = new CacheGenerations(shared, NullLogger<CacheGenerations>.Instance);
        var second = new CacheGenerations(shared, NullLogger<CacheGenerations>.Instance);
        await second.RefreshAsync(CancellationToken.None);

        Assert.True(await first.PurgeAsync(new CachePurge.OfKey("k1"), CancellationToken.None));
        var beforeRefresh = second.For("k1", "auto");
        await second.RefreshAsync(CancellationToken.None);

        Assert.Equal("0.1.0", first.For("k1", "auto"));
        Assert.Equal("0.0.0", beforeRefresh);
        Assert.Equal("0.1.0", second.For("k1", "auto"));
    }

    [Fact]
    public async Task ClassifyTask_WithoutTemperature_IsCachedByDefault_ExplicitTemperatureIsNot()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();

        using var first = await client.PostAsync("/ai/process", Json(Classify));
        await WaitUntilAsync(() => !factory.Cache.Items.IsEmpty);
        using var second = await client.PostAsync("/ai/process", Json(Classify));
        using var warm = await client.PostAsync("/ai/process", Json("""{"taskType":"classify","prompt":"spam or ham?","temperature":0.9}"""));
        using var chat = await client.PostAsync("/ai/process", Json("""{"taskType":"chat","prompt":"spam or ham?"}"""));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("MISS", Header(first, "x-aiprovider-cache"));
        Assert.Equal("HIT", Header(second, "x-aiprovider-cache"));
        Assert.Equal("BYPASS", Header(warm, "x-aiprovider-cache"));
        Assert.Equal("BYPASS", Header(chat, "x-aiprovider-cache"));
    }

    [Theory]
    [InlineData("""{"scope":"all"}""", "all", "*")]
    [InlineData("""{"scope":"key","keyId":"bootstrap"}""", "key", "bootstrap")]
    public async Task AdminPurge_NextIdenticalRequestMisses(string body, string scope, string target)
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();
        using var first = await client.PostAsync("/ai/process", Json(Classify));
        await WaitUntilAsync(() => !factory.Cache.Items.IsEmpty);

        using var purge = await client.PostAsync("/admin/cache/purge", Json(body));
        var answer = await purge.Content.ReadAsStringAsync();
        using var after = await client.PostAsync("/ai/process", Json(Classify));

        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        Assert.Equal($$"""{"scope":"{{scope}}","target":"{{target}}","otherReplicasWithinSeconds":5}""", answer);
        Assert.Equal("MISS", Header(after, "x-aiprovider-cache"));
    }

    [Fact]
    public async Task AdminPurge_OfAnotherModel_LeavesTheEntry()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();
        const string chat = """{"model":"auto","temperature":0,"messages":[{"role":"user","content":"hi"}]}""";
        using var first = await client.PostAsync("/v1/chat/completions", Json(chat));
        await WaitUntilAsync(() => !factory.Cache.Items.IsEmpty);

        using var other = await client.PostAsync("/admin/cache/purge", Json("""{"scope":"model","model":"free"}"""));
        using var stillCached = await client.PostAsync("/v1/chat/completions", Json(chat));
        using var same = await client.PostAsync("/admin/cache/purge", Json("""{"scope":"model","model":"AUTO"}"""));
        using var purged = await client.PostAsync("/v1/chat/completions", Json(chat));

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal("HIT", Header(stillCached, "x-aiprovider-cache"));
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal("MISS", Header(purged, "x-aiprovider-cache"));
    }

    [Theory]
    [InlineData("""{"scope":"key"}""")]
    [InlineData("""{"scope":"everything"}""")]
    [InlineData("""{}""")]
    public async Task AdminPurge_WithoutAScope_Is422NamingIt(string body)
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();

        using var purge = await client.PostAsync("/admin/cache/purge", Json(body));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, purge.StatusCode);
        Assert.Contains("\"param\":\"scope\"", await purge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminPurge_NotJson_Is400()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();

        using var purge = await client.PostAsync("/admin/cache/purge", Json("{scope"));

        Assert.Equal(HttpStatusCode.BadRequest, purge.StatusCode);
    }

    [Fact]
    public async Task AdminPurge_ByAServiceKey_Is403()
    {
        using var router = new SecureRouter();
        var key = router.Keys.Add("service");
        using var caller = router.App.CreateClient();
        caller.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        using var purge = await caller.PostAsync("/admin/cache/purge", Json("""{"scope":"all"}"""));

        Assert.Equal(HttpStatusCode.Forbidden, purge.StatusCode);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }
        Assert.True(condition(), "the condition did not become true within 5 s");
    }
}
