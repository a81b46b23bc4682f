using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Conversation;

/// <summary>Conversation API registration: the components (read now, so a bad one stops the start) and the service.</summary>
internal static class ConversationExtensions
{
    public static IServiceCollection AddConversationFeature(this IServiceCollection services, LoadedResources resources)
    {
        var settings = ConversationComponents.Read(resources, Environment.GetEnvironmentVariable);
        // One long-lived client for every component; no client timeout, as components-contrib (opts.go BuildHTTPClient):
        // deadlines come from the Resiliency policies and the caller's cancellation.
        services.AddSingleton(sp => new ConversationComponents(settings,
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan },
            sp.GetService<IResiliencyProvider>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ConversationService>();
        return services;
    }
}
