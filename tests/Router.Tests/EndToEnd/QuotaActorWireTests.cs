using System.Net;
using System.Text;
using System.Text.Json;
using Dapr.Actors.Client;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Hosting;

namespace Dapr.AiProvider.Router.Tests.EndToEnd;

/// <summary>
/// The router calls <c>QuotaActor</c> without remoting (<see cref="QuotaActorInvoker"/>); these pin that wire against the
/// real quota host behind its sidecar. The .NET actor host dispatches a call without the remoting header by the
/// interface method's name, reads the one argument and writes the result as JSON with web defaults, and answers a
/// <c>Task</c> method with an empty 200 (dapr/dotnet-sdk <c>src/Dapr.Actors.AspNetCore/ActorsEndpointRouteBuilderExtensions.cs</c>,
/// <c>src/Dapr.Actors/Runtime/ActorManager.cs</c> <c>DispatchWithoutRemotingAsync</c>). An exception in the actor host is
/// the app's 500, which daprd answers as 500 <c>ERR_ACTOR_INVOKE_METHOD</c> "error from actor service: (500) …"
/// (dapr/dapr <c>pkg/actors/targets/app/transport/http/http.go</c>, <c>pkg/messages/predefined.go</c>).
/// </summary>
[Trait("Category", "Process")]
[Collection(QuotaActorsCollection.Name)]
public sealed class QuotaActorWireTests(QuotaActorsStack stack)
{
    private static string Scope() => QuotaScopes.Team("wire-" + Guid.NewGuid().ToString("N")[..8]);

    private HttpClient Sidecar() => new() { BaseAddress = new Uri(stack.SidecarHttp + "/") };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task AcquireSettleStatus_PlainJsonWithoutRemotingHeader_QuotaHostAnswersAsJson()
    {
        var scope = Scope();
        using var http = Sidecar();
        const string request = """
            {"holder":"wire-test","requests":3,"tokens":0,"costMicros":0,
             "defaults":{"rules":[{"metric":"requests","period":"day","limit":5,"hard":true,"timeZone":"UTC"}],"alertThresholds":[1.0]},
             "settle":null}
            """;

        using var granted = await http.PutAsync($"v1.0/actors/QuotaActor/{scope}/method/AcquireLeaseAsync", Json(request));
        using var grant = JsonDocument.Parse(await granted.Content.ReadAsStringAsync());
        var leaseId = grant.RootElement.GetProperty("leaseId").GetString();
        using var settled = await http.PutAsync($"v1.0/actors/QuotaActor/{scope}/method/SettleLeaseAsync",
            Json($$"""{"leaseId":"{{leaseId}}","usedRequests":2,"usedTokens":0,"usedCostMicros":0}"""));
        using var read = await http.PutAsync($"v1.0/actors/QuotaActor/{scope}/method/GetStatusAsync", content: null);
        using var status = JsonDocument.Parse(await read.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.False(string.IsNullOrEmpty(leaseId));
        Assert.Equal(3, grant.RootElement.GetProperty("requests").GetInt64());
        Assert.False(grant.RootElement.GetProperty("exhausted").GetBoolean());
        Assert.False(grant.RootElement.GetProperty("unlimited").GetBoolean());
        Assert.Equal(JsonValueKind.Null, grant.RootElement.GetProperty("blockedUntil").ValueKind);
        Assert.Equal(HttpStatusCode.OK, settled.StatusCode);
        Assert.Equal("", await settled.Content.ReadAsStringAsync()); // a Task method: no body
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var window = Assert.Single(status.RootElement.GetProperty("windows").EnumerateArray());
        Assert.Equal("requests", window.GetProperty("rule").GetProperty("metric").GetString());
        Assert.Equal(5, window.GetProperty("rule").GetProperty("limit").GetInt64());
        Assert.Equal(2, window.GetProperty("used").GetInt64());
        Assert.Equal(0, window.GetProperty("leased").GetInt64());
        Assert.Equal(scope, status.RootElement.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Invoker_ScopeWithSlash_SameActorAndStateAsARemotingProxy()
    {
        // Model ids hold '/' (QuotaActorIds escapes it): the invoker must reach the actor a remoting proxy reaches.
        var scope = QuotaScopes.ProviderModel("groq", "openai/wire-" + Guid.NewGuid().ToString("N")[..8]);
        using var http = Sidecar();
        var invoker = new QuotaActorInvoker(http);
        var until = DateTimeOffset.UtcNow.AddMinutes(10);

        await invoker.InvokeAsync(scope, nameof(IQuotaActor.BenchAsync), new BenchRequest { Until = until, Reason = "wire test" },
            QuotaActorJsonContext.Default.BenchRequest, CancellationToken.None);
        var grant = await invoker.InvokeAsync(scope, nameof(IQuotaActor.AcquireLeaseAsync), new LeaseRequest { Holder = "wire", Requests = 1 },
            QuotaActorJsonContext.Default.LeaseRequest, QuotaActorJsonContext.Default.LeaseGrant, CancellationToken.None);
        var viaInvoker = await invoker.InvokeAsync(scope, nameof(IQuotaActor.GetStatusAsync), QuotaActorJsonContext.Default.QuotaStatus,
            CancellationToken.None);
        var viaRemoting = await ActorProxy.Create<IQuotaActor>(QuotaActorIds.For(scope), DaprNames.Actors.Quota,
            new ActorProxyOptions { HttpEndpoint = stack.SidecarHttp, UseJsonSerialization = true }).GetStatusAsync();

        Assert.Equal(0, grant.Requests); // benched: nothing granted
        Assert.Equal(until, grant.BlockedUntil!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(scope, viaInvoker.Scope);
        Assert.Equal("wire test", viaInvoker.BenchReason);
        Assert.Equal(viaInvoker.BenchedUntil, viaRemoting.BenchedUntil);
        Assert.Equal("wire test", viaRemoting.BenchReason);
    }

    [Fact]
    public async Task Invoker_ActorHostFails_ActorFailedNotAnOutage()
    {
        using var http = Sidecar();
        var invoker = new QuotaActorInvoker(http);

        // No such method on IQuotaActor: the host throws (MissingMethodException), the app answers 500.
        var failed = await Assert.ThrowsAsync<QuotaActorException>(() => invoker.InvokeAsync(Scope(), "NoSuchMethodAsync",
            QuotaActorJsonContext.Default.QuotaStatus, CancellationToken.None));

        Assert.Equal(500, failed.Status);
        Assert.Equal("ERR_ACTOR_INVOKE_METHOD", failed.ErrorCode);
        Assert.True(failed.ActorFailed);
    }
}
