using Dapr.AiProvider.LocalDapr.Sidecar.AccessControl;
using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using Dapr.AiProvider.LocalDapr.Sidecar.Grpc;
using Dapr.AiProvider.LocalDapr.Sidecar.Invocation;
using Dapr.AiProvider.LocalDapr.Sidecar.Secrets;
using Dapr.AiProvider.LocalDapr.Sidecar.State;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary>Registration of the sidecar core (host, components, state, secrets, invocation, gRPC) and its request pipeline.</summary>
internal static class SidecarHostExtensions
{
    public static WebApplicationBuilder AddSidecarHost(this WebApplicationBuilder builder,
        SidecarOptions options, LoadedResources resources, SecretStoreRegistry secrets)
    {
        ApiListeners.CheckSockets(options);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            ApiListeners.Listen(kestrel, options);
        });
        builder.Logging.AddSidecarLogging(options.LogLevel);
        var services = builder.Services;
        // As long a listen queue as the kernel allows (net.core.somaxconn), as daprd's: Go's net.Listen asks for
        // somaxconn (dapr/dapr pkg/api/http/server.go → pkg/api/listen/listen.go; Go src/net/sock_linux.go). Kestrel's
        // default of 512 dropped the SYNs of a burst of new connections (1,000 streams at once), each retried after 1 s.
        // Kestrel's zero-byte read before each receive stays (WaitForDataBeforeAllocatingBuffer): with it off the router's
        // sidecar held about 7 KB more per open stream for no CPU the benchmark could see (docs/benchmarks-peer.md,
        // "Session 13: the local sidecar's CPU per invocation").
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets.SocketTransportOptions>(o => o.Backlog = int.MaxValue);
        services.AddSingleton(options);
        services.AddSingleton(resources);
        services.AddSingleton(secrets);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new RedisConnections(resources, Environment.GetEnvironmentVariable("LOCALDAPR_REGISTRY_REDIS")));
        services.AddSingleton<IRedisConnections>(sp => sp.GetRequiredService<RedisConnections>());
        services.AddSingleton<StateStoreRegistry>();
        services.AddSingleton<IStateStoreRegistry>(sp => sp.GetRequiredService<StateStoreRegistry>());
        services.AddSingleton<StateService>();
        services.AddSingleton<SecretService>();
        services.AddSingleton<MetadataService>();
        services.AddSingleton<SidecarReadiness>();
        services.AddSingleton<AppHealth>();
        services.AddSingleton(sp => AppChannelFactory.Create(options, sp.GetRequiredService<IHostApplicationLifetime>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("LocalDapr.AppChannel")));
        services.AddSingleton<RedisSidecarRegistry>();
        services.AddSingleton<ISidecarRegistry>(sp => sp.GetRequiredService<RedisSidecarRegistry>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisSidecarRegistry>());
        services.AddSingleton<PeerClient>();
        services.AddSingleton<MeshToken>();
        services.AddSingleton(new MeshIdentity(resources.MtlsEnabled,
            new SpiffeId(resources.AccessControl?.TrustDomain ?? AccessControlParser.DefaultTrustDomain, options.Namespace, options.AppId)));
        services.AddSingleton<InvocationHandler>();
        services.AddSingleton<AppInvoker>();
        services.AddSingleton<GrpcPublisher>();
        services.AddHostedService<SidecarStartup>();
        services.AddHostedService<AppHealthProbe>();
        services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = (int)Math.Min(int.MaxValue, options.MaxBodySizeBytes);
            o.MaxSendMessageSize = null;
        });
        services.AddGrpcReflection();
        return builder;
    }

    public static WebApplication UseSidecarPipeline(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<SidecarOptions>();
        app.Lifetime.ApplicationStopped.Register(() => ApiListeners.RemoveSockets(options));
        app.UseMiddleware<SidecarMiddleware>();
        app.UseInvocationByHeader();
        app.UseRouting();
        return app;
    }

    public static WebApplication MapSidecarApi(this WebApplication app)
    {
        app.MapHealthApi();
        app.MapMetadataApi();
        app.MapStateApi();
        app.MapSecretsApi();
        app.MapInvocationApi();
        app.MapGrpcService<DaprGrpcService>();
        app.MapGrpcReflectionService();
        return app;
    }
}
