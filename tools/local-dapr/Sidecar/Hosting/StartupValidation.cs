using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;
using Dapr.AiProvider.LocalDapr.Sidecar.State;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary>Builds the configuration-dependent singletons once before serving, so bad configuration fails the start.</summary>
internal static partial class StartupValidation
{
    public static WebApplication ValidateAtStart(this WebApplication app, IReadOnlyList<string> ignoredFlags)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LocalDapr");
        var options = app.Services.GetRequiredService<SidecarOptions>();
        foreach (var flag in ignoredFlags)
        {
            Log.FlagIgnored(logger, flag);
        }
        var resources = app.Services.GetRequiredService<LoadedResources>();
        foreach (var component in resources.Components)
        {
            Log.ComponentLoaded(logger, component.Name, component.Type);
        }
        app.Services.GetRequiredService<StateStoreRegistry>();
        app.Services.GetService<IResiliencyProvider>();
        if (options.UnixDomainSocket is null)
        {
            Log.Starting(logger, options.AppId, options.HttpPort, options.GrpcPort, options.AppPort);
        }
        else
        {
            Log.StartingOnSockets(logger, options.AppId, options.SocketPath("http"), options.SocketPath("grpc"), options.PeerPort, options.AppPort);
        }
        return app;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "flag --{Flag} is accepted and ignored by the local sidecar")]
        public static partial void FlagIgnored(ILogger logger, string flag);

        [LoggerMessage(2, LogLevel.Information, "component loaded: {Name} ({Type})")]
        public static partial void ComponentLoaded(ILogger logger, string name, string type);

        [LoggerMessage(3, LogLevel.Information, "starting local dapr sidecar for app '{AppId}': http :{HttpPort}, grpc :{GrpcPort}, app port {AppPort}")]
        public static partial void Starting(ILogger logger, string appId, int httpPort, int grpcPort, int appPort);

        [LoggerMessage(4, LogLevel.Information, "starting local dapr sidecar for app '{AppId}': HTTP API on unix socket {HttpSocket}, gRPC API on unix socket {GrpcSocket}, peers on :{PeerPort}, app port {AppPort}")]
        public static partial void StartingOnSockets(ILogger logger, string appId, string httpSocket, string grpcSocket, int peerPort, int appPort);
    }
}
