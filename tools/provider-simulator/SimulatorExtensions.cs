using Dapr.AiProvider.ProviderSimulator.Core;
using Dapr.AiProvider.ProviderSimulator.Faults;

namespace Dapr.AiProvider.ProviderSimulator;

/// <summary>Service registration for the simulator.</summary>
internal static class SimulatorExtensions
{
    public static WebApplicationBuilder AddProviderSimulator(this WebApplicationBuilder builder)
    {
        // Per-request framework logs would swamp a benchmark upstream; faults are logged by the simulator itself.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // A provider's front end does not drop a burst of new connections; with Kestrel's 512 the simulator did, and the
        // direct arm of the `streams` benchmark paid 1 s SYN retransmits a real provider would not. The kernel caps
        // int.MaxValue at net.core.somaxconn (services/building-blocks/ServiceDefaults/ListenBacklog.cs).
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets.SocketTransportOptions>(o => o.Backlog = int.MaxValue);
        builder.Services.AddOptionsWithValidateOnStart<SimulatorOptions>()
            .Bind(builder.Configuration.GetSection(SimulatorOptions.Section));
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();
        // The benchmark's accelerated day (Clock:Scale): the windows run on the same scaled clock as the stack's services.
        builder.Services.AddSingleton(Dapr.AiProvider.ServiceDefaults.Time.ScaledClock.FromConfiguration(builder.Configuration));
        builder.Services.AddSingleton<FaultRegistry>();
        builder.Services.AddSingleton<RequestLog>();
        builder.Services.AddSingleton<RateLimitTracker>();
        builder.Services.AddSingleton<Limits.FreeTierLimiter>();
        builder.Services.AddSingleton<ChatHandler>();
        builder.Services.AddSingleton<Embeddings.EmbeddingHandler>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, SimJsonContext.Default));
        return builder;
    }
}
