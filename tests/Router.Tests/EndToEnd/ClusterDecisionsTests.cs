using System.Net;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Router.Tests.Api;
using Dapr.AiProvider.Router.Usage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dapr.AiProvider.Router.Tests.EndToEnd;

/// <summary>
/// Two router replicas behind one quota (the real service, its sidecar, pub/sub on Redis and a PostgreSQL ledger):
/// a request answered by replica A — its usage event published through the sidecar, as in production — is found,
/// with its routing explanation, by the console API of replica B, and counted in B's overview.
/// </summary>
[Trait("Category", "Process")]
public sealed class ClusterDecisionsTests(QuotaActorsStack stack) : IClassFixture<QuotaActorsStack>
{
    /// <summary>A replica whose sidecar is quota's (pub/sub and service invocation are the sidecar's, not the app's).</summary>
    private (RouterFactory Factory, WebApplicationFactory<Program> App) Replica()
    {
        var factory = new RouterFactory();
        factory.Settings["DAPR_HTTP_ENDPOINT"] = stack.SidecarHttp;
        factory.Settings["DAPR_GRPC_ENDPOINT"] = $"http://127.0.0.1:{stack.SidecarGrpcPort}";
        var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.RemoveAll<IUsagePublisher>();
            s.AddSingleton<IUsagePublisher>(sp => sp.GetRequiredService<DaprUsagePublisher>());
        }));
        return (factory, app);
    }

    [Fact]
    public async Task ARequestAnsweredByReplicaA_IsFoundWithItsExplanation_ByReplicaB()
    {
        var (factoryA, a) = Replica();
        var (factoryB, b) = Replica();
        using var _ = factoryA;
        using var __ = factoryB;
        factoryA.Backend.Fail("github/gpt-4o-mini", Contracts.ErrorClass.RateLimited, DateTimeOffset.UtcNow.AddMinutes(1));
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();
        clientA.DefaultRequestHeaders.Authorization = new("Bearer", RouterFactory.Key);
        clientB.DefaultRequestHeaders.Authorization = new("Bearer", RouterFactory.Key);

        using var chat = await clientA.PostAsync("/v1/chat/completions",
            new StringContent("""{"model":"auto","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        var requestId = string.Join(",", chat.Headers.GetValues("x-aiprovider-request-id"));

        // Published after the linger, delivered by pub/sub, written in a batch: bounded wait, then assert.
        JsonElement found = default;
        for (var i = 0; i < 150; i++)
        {
            using var response = await clientB.GetAsync($"/admin/decisions?requestId={Uri.EscapeDataString(requestId)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (list.RootElement.GetArrayLength() == 1)
            {
                found = list.RootElement[0].Clone();
                break;
            }
            await Task.Delay(100);
        }

        Assert.Equal(JsonValueKind.Object, found.ValueKind);
        Assert.Equal(requestId, found.GetProperty("requestId").GetString());
        Assert.Equal("openai", found.GetProperty("provider").GetString());
        Assert.Equal("auto", found.GetProperty("requestedModel").GetString());
        Assert.Equal(string.Join(",", chat.Headers.GetValues("x-aiprovider-route-reason")), found.GetProperty("routeReason").GetString());
        Assert.Equal("github/gpt-4o-mini:rate_limited", Assert.Single(found.GetProperty("failedCandidates").EnumerateArray()).GetString());
        Assert.Equal((2, 200, "bootstrap"), (found.GetProperty("attempts").GetInt32(), found.GetProperty("status").GetInt32(), found.GetProperty("keyId").GetString()));
        using var overview = JsonDocument.Parse(await clientB.GetStringAsync("/admin/overview"));
        Assert.True(overview.RootElement.GetProperty("requests").GetInt64() >= 1);
    }
}
