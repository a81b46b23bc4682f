using Dapr.AiProvider.ServiceDefaults.Sidecar;
using Dapr.AiProvider.Router.Backend;

namespace Dapr.AiProvider.Router.Usage;

internal static class UsageRegistration
{
    /// <summary>One <c>UsageRecorded</c> per request, queued off the request path and published in batches.</summary>
    public static IServiceCollection AddUsagePublishing(this IServiceCollection services)
    {
        // Publishes through the sidecar's HTTP API; the publisher service bounds each batch itself.
        services.AddHttpClient<DaprUsagePublisher>((sp, http) =>
            SidecarHttpApi.ConfigureApi(http, sp.GetRequiredService<IConfiguration>(), TimeSpan.FromSeconds(30)));
        return services
            .AddSingleton<IUsagePublisher>(sp => sp.GetRequiredService<DaprUsagePublisher>())
            .AddSingleton<UsageQueue>()
            .AddSingleton<UsageRecorder>()
            .AddHostedService<UsagePublisherService>();
    }
}
