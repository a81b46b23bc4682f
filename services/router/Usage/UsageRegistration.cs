namespace Dapr.AiProvider.Router.Usage;

internal static class UsageRegistration
{
    /// <summary>One <c>UsageRecorded</c> per request, queued off the request path and published in batches.</summary>
    public static IServiceCollection AddUsagePublishing(this IServiceCollection services) => services
        .AddSingleton<IUsagePublisher, DaprUsagePublisher>()
        .AddSingleton<UsageQueue>()
        .AddSingleton<UsageRecorder>()
        .AddHostedService<UsagePublisherService>();
}
