using Dapr;
using Dapr.AiProvider.Contracts;

namespace Dapr.AiProvider.Quota.Ingestion;

/// <summary>
/// The subscription routes for topic <c>usage</c> and its dead-letter topic. They read the CloudEvent
/// envelope themselves (<see cref="UsageEnvelope"/>), so the service does not use Dapr's CloudEvents middleware.
/// </summary>
internal static class UsageIngestionEndpoints
{
    public const string UsageRoute = "/usage";
    public const string DeadLetterRoute = "/usage-deadletter";

    public static IEndpointRouteBuilder MapUsageIngestion(this IEndpointRouteBuilder app)
    {
        app.MapPost(UsageRoute, (HttpRequest request, UsageIngestionHandler handler, CancellationToken cancellationToken) =>
                Respond(handler.HandleAsync(request, deadLetter: false, cancellationToken)))
            .WithTopic(new TopicOptions
            {
                PubsubName = DaprNames.PubSub,
                Name = DaprNames.Topics.Usage,
                DeadLetterTopic = DaprNames.Topics.UsageDeadLetter,
            })
            .ExcludeFromDescription();

        app.MapPost(DeadLetterRoute, (HttpRequest request, UsageIngestionHandler handler, CancellationToken cancellationToken) =>
                Respond(handler.HandleAsync(request, deadLetter: true, cancellationToken)))
            .WithTopic(DaprNames.PubSub, DaprNames.Topics.UsageDeadLetter)
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Respond(Task<TopicStatus> status) =>
        TypedResults.Json(await status, QuotaJsonContext.Default.TopicStatus);
}
