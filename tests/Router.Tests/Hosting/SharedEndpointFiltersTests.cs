using System.Net;
using Dapr.AiProvider.Router.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Dapr.AiProvider.Router.Tests.Hosting;

public class SharedEndpointFiltersTests
{
    [Fact]
    public async Task AddSharedEndpointFilter_EveryRequest_RunsTheOneRegisteredInstance()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<CountingFilter>();
        await using var app = builder.Build();
        app.MapGet("/", () => "ok").AddSharedEndpointFilter<RouteHandlerBuilder, CountingFilter>();
        await app.StartAsync();
        using var client = app.GetTestClient();

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        }

        var filter = app.Services.GetRequiredService<CountingFilter>();
        Assert.Equal(3, filter.Invocations);
        Assert.Equal(1, CountingFilter.Constructed);
    }

    private sealed class CountingFilter : IEndpointFilter
    {
        public static int Constructed;
        public int Invocations;

        public CountingFilter() => Interlocked.Increment(ref Constructed);

        public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            Interlocked.Increment(ref Invocations);
            return next(context);
        }
    }
}
