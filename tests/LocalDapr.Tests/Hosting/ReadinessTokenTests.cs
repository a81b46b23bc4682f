using System.Net;
using Dapr.AiProvider.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Dapr.AiProvider.LocalDapr.Tests.Hosting;

/// <summary>
/// ServiceDefaults' readiness against a sidecar that requires DAPR_API_TOKEN: an app holding the wrong token
/// (or none) must not report ready, although the token-free <c>/v1.0/healthz/outbound</c> answers 204 to it.
/// daprd requires the token on every API but the healthz routes (dapr/dapr pkg/api/http/middlewares.go,
/// APITokenAuthMiddleware and isRouteExcludedFromAPITokenAuth).
/// </summary>
public sealed class ReadinessTokenTests(SecuredSidecarFixture fixture) : IClassFixture<SecuredSidecarFixture>
{
    [Theory]
    [InlineData(SecuredSidecarFixture.Token, HttpStatusCode.OK)]
    [InlineData("a-wrong-token", HttpStatusCode.ServiceUnavailable)]
    [InlineData("", HttpStatusCode.ServiceUnavailable)]
    public async Task Readyz_ReflectsWhetherTheSidecarAcceptsTheAppsToken(string appToken, HttpStatusCode expected)
    {
        await using var app = await StartAppAsync(appToken);
        using var http = new HttpClient { BaseAddress = new Uri(Address(app)) };

        using var ready = await http.GetAsync("/readyz");
        using var live = await http.GetAsync("/healthz");

        Assert.Equal(expected, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private async Task<WebApplication> StartAppAsync(string appToken)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["DAPR_HTTP_ENDPOINT"] = fixture.Sidecar.HttpEndpoint;
        builder.Configuration["DAPR_GRPC_ENDPOINT"] = fixture.Sidecar.GrpcEndpoint;
        builder.Configuration["DAPR_API_TOKEN"] = appToken;
        builder.AddServiceDefaults("readiness-token-tests");
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return app;
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}
