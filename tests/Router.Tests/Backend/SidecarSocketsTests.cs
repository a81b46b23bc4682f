using System.Text.Json;
using Dapr.AiProvider.Router.Admin;
using Dapr.AiProvider.Router.Auth;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Hosting;
using Dapr.AiProvider.Router.State;
using Dapr.AiProvider.Router.Usage;
using Dapr.AiProvider.ServiceDefaults;
using Dapr.AiProvider.Router.Tests.Api;
using Dapr.AiProvider.Router.Tests.EndToEnd;
using Dapr.AiProvider.TestInfrastructure;
using Dapr.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dapr.AiProvider.Router.Tests.Backend;

/// <summary>
/// The router with its sidecar's API on Unix domain sockets (daprd <c>--unix-domain-socket</c>; dapr/dapr
/// pkg/api/http/server.go and pkg/api/grpc/server.go open no TCP API listener then): told by
/// <c>DAPR_UNIX_DOMAIN_SOCKET</c> and <c>APP_ID</c>, every way it reaches the sidecar goes over the sockets — the
/// typed clients with their own handler (the hop to provider-adapters, QuotaActor calls, state and pub/sub) and the
/// readiness check; Dapr.Client's gRPC in the services that register it. The real local sidecar listens on the sockets only, so a call that took the
/// TCP port would be refused.
/// </summary>
[Trait("Category", "Process")]
public sealed class SidecarSocketsTests : IAsyncLifetime
{
    private readonly string _sockets = Directory.CreateTempSubdirectory("uds-router-").FullName;
    private RedisServer _redis = null!;
    private LocalSidecar _sidecar = null!;
    private RouterFactory _router = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _sidecar = await LocalSidecar.StartAsync("router", 0, _redis, socketDirectory: _sockets);
        _router = new RouterFactory();
        _router.Settings["DAPR_UNIX_DOMAIN_SOCKET"] = _sockets;
        _router.Settings["APP_ID"] = "router";
        _router.Settings["DAPR_HTTP_PORT"] = _sidecar.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _router.Settings["DAPR_GRPC_PORT"] = _sidecar.GrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _ = _router.Server; // builds the host with the settings above
    }

    public async Task DisposeAsync()
    {
        await _router.DisposeAsync();
        await _sidecar.DisposeAsync();
        await _redis.DisposeAsync();
        Directory.Delete(_sockets, recursive: true);
    }

    /// <summary>Every HttpClient the router registers for its sidecar (<c>AddHttpClient&lt;…&gt;</c> names them after the type).</summary>
    [Theory]
    [InlineData(nameof(ICompletionBackend))]
    [InlineData(nameof(IEmbeddingBackend))]
    [InlineData(nameof(QuotaActorInvoker))]
    [InlineData(nameof(QuotaAdminClient))]
    [InlineData(nameof(IKeyDirectory))]
    [InlineData(nameof(SidecarState))]
    [InlineData(nameof(DaprUsagePublisher))]
    public async Task TypedSidecarClients_ReachTheSidecarOverItsHttpSocket(string clientName)
    {
        using var http = new HttpClient(_router.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(clientName), disposeHandler: false);

        var metadata = await http.GetStringAsync($"http://127.0.0.1:{_sidecar.HttpPort}/v1.0/metadata");

        Assert.Equal("router", JsonDocument.Parse(metadata).RootElement.GetProperty("id").GetString());
    }

    /// <summary>Only the sidecar's ports are diverted: the same client reaches anything else over TCP as before.</summary>
    [Fact]
    public async Task OtherTargets_StayOnTcp()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port));
        await using var other = builder.Build();
        other.MapGet("/where", () => "over tcp");
        await other.StartAsync();
        using var http = new HttpClient(_router.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(nameof(ICompletionBackend)), disposeHandler: false);

        Assert.Equal("over tcp", await http.GetStringAsync($"http://127.0.0.1:{port}/where"));
    }

    [Fact]
    public async Task SidecarState_RoundTripOverTheHttpSocket()
    {
        var state = _router.Services.GetRequiredService<SidecarState>();

        await state.SaveAsync("uds-key", "over the http socket", SidecarSocketsJson.Default.String, metadata: null, CancellationToken.None);

        Assert.Equal("over the http socket", await state.GetEventualAsync("uds-key", SidecarSocketsJson.Default.String, CancellationToken.None));
    }

    /// <summary>
    /// The router and provider-adapters register no Dapr.Client (Native AOT), but quota does, through the same
    /// ServiceDefaults: its client's gRPC channel takes the gRPC socket.
    /// </summary>
    [Fact]
    public async Task DaprClient_OfAServiceThatRegistersIt_StateOverTheGrpcSocket()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration["DAPR_UNIX_DOMAIN_SOCKET"] = _sockets;
        builder.Configuration["APP_ID"] = "router";
        builder.Configuration["DAPR_HTTP_PORT"] = _sidecar.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Configuration["DAPR_GRPC_PORT"] = _sidecar.GrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.AddServiceDefaults("sockets-test");
        await using var app = builder.Build();
        var dapr = app.Services.GetRequiredService<DaprClient>();

        await dapr.SaveStateAsync("statestore", "uds-grpc-key", "over the grpc socket");

        Assert.Equal("over the grpc socket", await dapr.GetStateAsync<string>("statestore", "uds-grpc-key"));
    }

    [Fact]
    public async Task SidecarReadiness_HealthyOverTheSockets()
    {
        var health = _router.Services.GetRequiredService<HealthCheckService>();

        var report = await health.CheckHealthAsync(c => c.Name == "dapr-sidecar");

        Assert.Equal(HealthStatus.Healthy, report.Entries["dapr-sidecar"].Status);
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class SidecarSocketsJson : System.Text.Json.Serialization.JsonSerializerContext;
