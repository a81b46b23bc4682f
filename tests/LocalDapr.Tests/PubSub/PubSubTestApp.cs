using System.Collections.Concurrent;
using Dapr;
using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Dapr.AiProvider.LocalDapr.Tests.PubSub;

/// <summary>
/// A subscriber built with Dapr.AspNetCore (<c>MapSubscribeHandler</c> + <c>WithTopic</c>) whose routes
/// record the raw delivery and answer as each test needs (SUCCESS, RETRY, DROP, 404, 500).
/// </summary>
public static class PubSubTestApp
{
    public const string PubSub = DefaultResources.PubSub;

    public static Task<TestApp> StartAsync(DeliveryLog log, ConcurrentDictionary<string, int> attempts) =>
        TestApp.StartAsync(app =>
        {
            app.MapSubscribeHandler();
            Map(app, log, "orders", _ => Results.Ok()).WithTopic(PubSub, "orders");
            Map(app, log, "raw", _ => Results.Ok()).WithTopic(PubSub, "raw", enableRawPayload: true);
            Map(app, log, "retry", d => Count(attempts, d) <= 2 ? Results.Json(new { status = "RETRY" }) : Results.Json(new { status = "SUCCESS" }))
                .WithTopic(PubSub, "retry");
            Map(app, log, "drop", _ => Results.Json(new { status = "DROP" }))
                .WithTopic(new TopicOptions { PubsubName = PubSub, Name = "drop", DeadLetterTopic = "drop-dlq" });
            Map(app, log, "drop-dlq", _ => Results.Ok()).WithTopic(PubSub, "drop-dlq");
            Map(app, log, "gone", _ => Results.NotFound()).WithTopic(PubSub, "gone");
            Map(app, log, "fail", _ => Results.StatusCode(500))
                .WithTopic(new TopicOptions { PubsubName = PubSub, Name = "fail", DeadLetterTopic = "fail-dlq" });
            Map(app, log, "fail-dlq", _ => Results.Ok()).WithTopic(PubSub, "fail-dlq");
            Map(app, log, "widgets-special", _ => Results.Ok())
                .WithTopic(new TopicOptions { PubsubName = PubSub, Name = "widgets", Match = "event.type == \"widget\"", Priority = 1 });
            Map(app, log, "widgets", _ => Results.Ok()).WithTopic(PubSub, "widgets");
            Map(app, log, "decl-a", _ => Results.Ok());
            Map(app, log, "decl-default", _ => Results.Ok());
        });

    private static int Count(ConcurrentDictionary<string, int> attempts, Delivery delivery) =>
        attempts.AddOrUpdate(delivery.Route + ":" + delivery.Marker, 1, (_, n) => n + 1);

    private static RouteHandlerBuilder Map(WebApplication app, DeliveryLog log, string route, Func<Delivery, IResult> answer) =>
        app.MapPost("/" + route, async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var delivery = new Delivery(route, request.ContentType, await reader.ReadToEndAsync());
            log.Add(delivery);
            return answer(delivery);
        });
}
