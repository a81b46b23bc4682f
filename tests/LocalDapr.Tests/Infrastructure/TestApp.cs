using Dapr.AiProvider.TestInfrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dapr.AiProvider.LocalDapr.Tests.Infrastructure;

/// <summary>
/// A small app hosted in the test process (Kestrel on a free loopback port) for a sidecar to call:
/// configure services and endpoints with the callbacks.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestApp(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}";
    public IServiceProvider Services => _app.Services;

    public static async Task<TestApp> StartAsync(Action<WebApplication> map, Action<IServiceCollection>? services = null, int? port = null)
    {
        var chosen = port ?? FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(chosen));
        services?.Invoke(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new TestApp(app, chosen);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
