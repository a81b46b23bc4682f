using System.Net;
using System.Text.Json;
using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Dapr.AiProvider.LocalDapr.Tests.Hosting;

/// <summary>daprd's start order (outbound ready before the app, healthz after) and app health probing.</summary>
[Trait("Category", "Process")]
public sealed class AppLifecycleTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task AppNotListening_OutboundReadyButHealthzNotReady_UntilAppStarts()
    {
        var appPort = FreePort.Next();
        await using var sidecar = await SidecarProcess.StartAsync(_redis, new SidecarSpec("late-app") { AppPort = appPort });
        var http = sidecar.CreateHttpClient();

        using var before = await http.GetAsync("v1.0/healthz");
        Assert.Equal(HttpStatusCode.InternalServerError, before.StatusCode);
        Assert.Equal("ERR_HEALTH_NOT_READY", JsonDocument.Parse(await before.Content.ReadAsStringAsync()).RootElement.GetProperty("errorCode").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await http.GetAsync("v1.0/healthz/outbound")).StatusCode);

        await using var app = await TestApp.StartAsync(a => a.MapGet("/", () => "up"), port: appPort);
        await sidecar.WaitForReadyAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AppHealthCheck_FailingProbes_InvocationRefusedAsUnhealthy()
    {
        var healthy = true;
        await using var app = await TestApp.StartAsync(a =>
        {
            a.MapGet("/healthz", () => healthy ? Results.Ok() : Results.StatusCode(503));
            a.MapGet("/work", () => "done");
        });
        await using var sidecar = await SidecarProcess.StartAsync(_redis, new SidecarSpec("probed")
        {
            AppPort = app.Port,
            ExtraArgs = ["--enable-app-health-check", "--app-health-check-path", "/healthz", "--app-health-probe-interval", "1"],
        });
        await sidecar.WaitForReadyAsync();
        var http = sidecar.CreateHttpClient();
        Assert.Equal("done", await http.GetStringAsync("v1.0/invoke/probed/method/work"));

        healthy = false;
        var message = "";
        for (var i = 0; i < 100 && !message.Contains("app is not in a healthy state", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            using var response = await http.GetAsync("v1.0/invoke/probed/method/work");
            message = await response.Content.ReadAsStringAsync();
        }

        Assert.Contains("app is not in a healthy state", message);
    }
}
