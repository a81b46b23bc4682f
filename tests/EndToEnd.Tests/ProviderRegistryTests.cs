using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.EndToEnd.Tests;

/// <summary>
/// Issue #17.6 end to end: a provider added through the admin API (an OpenAI-compatible one pointing at the
/// simulator) is routed to by two router replicas without a restart, with the free windows it was given, and a
/// disabled provider no longer is. Real processes: quota on PostgreSQL, adapters following the registry, two routers.
/// </summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", "Process")]
public sealed class ProviderRegistryTests(GatewayStack stack)
{
    private static readonly TimeSpan PickUp = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ProviderAddedThroughAdminApi_IsRoutedByBothReplicasWithoutRestart_WithItsWindows_DisabledIsNot()
    {
        await using var second = await RouterReplica.StartAsync(stack);
        using var secondClient = new HttpClient { BaseAddress = second.Url, Timeout = TimeSpan.FromSeconds(60) };
        secondClient.DefaultRequestHeaders.Authorization = new("Bearer", GatewayStack.BootstrapKey);
        HttpClient[] replicas = [stack.Client, secondClient];

        // providers.json seeded the registry when the adapters started.
        var registry = await stack.Client.GetFromJsonAsync<JsonElement>("/admin/providers/registry");
        var seeded = registry.GetProperty("providers").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!, p => p.GetProperty("origin").GetString());
        Assert.True(seeded.GetValueOrDefault("openai") == "seed" && seeded.GetValueOrDefault("groq") == "seed",
            $"providers.json did not seed the registry: {registry}\n{stack.LauncherOutput}");

        var id = "acme-" + Guid.NewGuid().ToString("N")[..6];
        var model = $"{id}/llama3.1";
        using var put = await stack.Client.PutAsJsonAsync($"/admin/providers/registry/{id}", new
        {
            family = "openai-compatible",
            baseUrl = "https://api.acme.example/v1",
            simulatorPath = "/openai-compatible/v1",
            apiKeySecret = "acme-api-key",
            models = new[]
            {
                new { model = "llama3.1", freeTier = true, contextWindow = 131072, maxOutputTokens = 8192, freeWindows = new { rpd = 4 } },
            },
        });
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);

        foreach (var replica in replicas)
        {
            await UntilAsync(async () => (await ModelIdsAsync(replica)).Contains(model), $"{model} listed by {replica.BaseAddress}", second);
        }

        // Six calls over both replicas on a window of four a day: the registry's window holds for both together.
        var answers = new List<(HttpStatusCode Status, string? Provider)>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await ChatAsync(replicas[i % 2], model);
            answers.Add((response.StatusCode, response.Headers.TryGetValues("x-aiprovider-provider", out var p) ? p.Single() : null));
        }
        Assert.Equal(4, answers.Count(a => a.Status == HttpStatusCode.OK));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.OK), a => Assert.Equal(id, a.Provider));
        Assert.All(answers.Take(4), a => Assert.Equal(HttpStatusCode.OK, a.Status)); // both replicas served it

        using var disable = await stack.Client.PostAsync($"/admin/providers/registry/{id}/disable", null);
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        foreach (var replica in replicas)
        {
            await UntilAsync(async () => !(await ModelIdsAsync(replica)).Contains(model), $"{model} gone from {replica.BaseAddress}", second);
            using var refused = await ChatAsync(replica, model);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.Equal("model_not_found", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
        }
    }

    private static Task<HttpResponseMessage> ChatAsync(HttpClient client, string model) =>
        client.PostAsJsonAsync("/v1/chat/completions", new { model, max_tokens = 16, messages = new[] { new { role = "user", content = "hello" } } });

    private static async Task<HashSet<string>> ModelIdsAsync(HttpClient client)
    {
        var models = await client.GetFromJsonAsync<JsonElement>("/v1/models");
        return [.. models.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()!)];
    }

    /// <summary>Polls until the condition holds, at most <see cref="PickUp"/>; fails with what it waited for.</summary>
    private async Task UntilAsync(Func<Task<bool>> condition, string what, RouterReplica second)
    {
        var deadline = DateTime.UtcNow + PickUp;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within {PickUp.TotalSeconds} s: {what}\n{stack.LauncherOutput}\n{second.Output}");
            await Task.Delay(200);
        }
    }
}

/// <summary>A second router replica of the stack: the router (Release build) with its own local sidecar, on the
/// stack's components and name registry, started with the launcher's environment.</summary>
internal sealed class RouterReplica : IAsyncDisposable
{
    private readonly TestProcess _router;
    private readonly TestProcess _sidecar;

    private RouterReplica(TestProcess router, TestProcess sidecar, Uri url)
    {
        _router = router;
        _sidecar = sidecar;
        Url = url;
    }

    public Uri Url { get; }
    public string Output => $"--- router 2 ---\n{_router.Output}\n--- sidecar 2 ---\n{_sidecar.Output}";

    public static async Task<RouterReplica> StartAsync(GatewayStack stack)
    {
        var (app, http, grpc) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var env = new Dictionary<string, string>(stack.LauncherEnvironment)
        {
            ["APP_ID"] = "router",
            ["APP_PORT"] = Str(app),
            ["DAPR_HTTP_PORT"] = Str(http),
            ["DAPR_GRPC_PORT"] = Str(grpc),
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{app}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        var router = TestProcess.StartDotnet("router-2", RepoPaths.Dll("services/router", "Dapr.AiProvider.Router"), [], env);
        var sidecar = TestProcess.StartDotnet("router-2-sidecar", RepoPaths.Dll("tools/local-dapr/Sidecar", "LocalDapr.Sidecar"),
            ["--app-id", "router", "--app-port", Str(app), "--dapr-http-port", Str(http), "--dapr-grpc-port", Str(grpc),
             "--resources-path", stack.ComponentsPath, "--config", Path.Combine(stack.ComponentsPath, "config.yaml")],
            new Dictionary<string, string> { ["LOCALDAPR_REGISTRY_REDIS"] = stack.RedisAddress });
        var replica = new RouterReplica(router, sidecar, new Uri($"http://127.0.0.1:{app}"));
        await sidecar.WaitForHttpAsync($"http://127.0.0.1:{http}/v1.0/healthz/outbound", TimeSpan.FromSeconds(60));
        await router.WaitForHttpAsync($"http://127.0.0.1:{app}/readyz", TimeSpan.FromSeconds(60));
        return replica;
    }

    public async ValueTask DisposeAsync()
    {
        await _sidecar.DisposeAsync();
        await _router.DisposeAsync();
    }

    private static string Str(int port) => port.ToString(CultureInfo.InvariantCulture);
}
