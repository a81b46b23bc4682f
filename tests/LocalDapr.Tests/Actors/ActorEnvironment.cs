using Dapr.Actors;
using Dapr.Actors.Client;
using Dapr.Actors.Runtime;
using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Dapr.AiProvider.LocalDapr.Tests.Actors;

/// <summary>
/// One actor-hosting app instance (Dapr.Actors.AspNetCore in the test process) and its sidecar, on a
/// given Redis. Several share one app id to test placement across instances.
/// </summary>
public sealed class ActorEnvironment : IAsyncDisposable
{
    public const string ActorType = nameof(CounterActor);

    private ActorEnvironment(ActorEvents events, TestApp app, SidecarProcess sidecar)
    {
        Events = events;
        App = app;
        Sidecar = sidecar;
    }

    public ActorEvents Events { get; }
    public TestApp App { get; }
    public SidecarProcess Sidecar { get; }

    public static async Task<ActorEnvironment> StartAsync(RedisServer redis, string appId, string tag, TimeSpan idleTimeout, bool reentrant = false)
    {
        var events = new ActorEvents(tag);
        var sidecarPort = FreePort.Next();
        var app = await TestApp.StartAsync(
            web => web.MapActorsHandlers(),
            services =>
            {
                services.AddSingleton(events);
                services.AddActors(options =>
                {
                    options.Actors.RegisterActor<CounterActor>();
                    options.ActorIdleTimeout = idleTimeout;
                    options.ActorScanInterval = TimeSpan.FromMilliseconds(500);
                    options.HttpEndpoint = $"http://127.0.0.1:{sidecarPort}";
                    options.UseJsonSerialization = true;
                    options.ReentrancyConfig = new ActorReentrancyConfig { Enabled = reentrant };
                });
            });
        var sidecar = await SidecarProcess.StartAsync(redis, new SidecarSpec(appId) { AppPort = app.Port, HttpPort = sidecarPort });
        await sidecar.WaitForReadyAsync();
        return new ActorEnvironment(events, app, sidecar);
    }

    /// <summary>A typed proxy that calls through this instance's sidecar.</summary>
    public ICounterActor Proxy(string id) =>
        ActorProxy.Create<ICounterActor>(new ActorId(id), ActorType, new ActorProxyOptions
        {
            HttpEndpoint = Sidecar.HttpEndpoint,
            UseJsonSerialization = true,
            RequestTimeout = TimeSpan.FromSeconds(30),
        });

    public async ValueTask DisposeAsync()
    {
        await Sidecar.DisposeAsync();
        await App.DisposeAsync();
    }
}
