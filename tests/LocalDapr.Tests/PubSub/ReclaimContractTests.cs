using System.Collections.Concurrent;
using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StackExchange.Redis;

namespace Dapr.AiProvider.LocalDapr.Tests.PubSub;

/// <summary>
/// The Redis Streams consumer as components-contrib pubsub.redis runs it (pubsub/redis/redis.go): XREADGROUP with
/// consumer name = consumerID (the app id) on every replica; reclaimPendingMessages XCLAIMs every entry idle
/// ≥ processingTimeout, whether or not a handler still runs it, and enqueues it again; processMessage gives the
/// handler processingTimeout as its deadline. So an entry that waited for a worker longer than processingTimeout
/// is delivered twice at the same time — what a processingTimeout shorter than the retry window causes.
/// </summary>
[Trait("Category", "Process")]
public sealed class ReclaimContractTests
{
    private const string Topic = "reclaim";

    [Fact]
    public async Task EntryWaitingLongerThanProcessingTimeout_DeliveredAgainWhileItsFirstDeliveryRuns()
    {
        await using var redis = await RedisServer.StartAsync();
        var running = new ConcurrentDictionary<string, int>();
        var maxParallel = new ConcurrentDictionary<string, int>();
        var seen = new ConcurrentDictionary<string, int>();
        var secondOfC = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await TestApp.StartAsync(web =>
        {
            web.MapSubscribeHandler();
            web.MapPost("/reclaim", async (HttpRequest request, CancellationToken ct) =>
            {
                using var reader = new StreamReader(request.Body);
                var marker = System.Text.Json.JsonDocument.Parse(await reader.ReadToEndAsync(ct)).RootElement.GetProperty("data").GetProperty("marker").GetString()!;
                var delivery = seen.AddOrUpdate(marker, 1, (_, n) => n + 1);
                var now = running.AddOrUpdate(marker, 1, (_, n) => n + 1);
                maxParallel.AddOrUpdate(marker, now, (_, n) => Math.Max(n, now));
                try
                {
                    if (marker == "c" && delivery >= 2)
                    {
                        secondOfC.TrySetResult();
                    }
                    else if (delivery == 1)
                    {
                        // a and b hold both workers until their deadline; c's first delivery waits for c's second.
                        await (marker == "c" ? secondOfC.Task.WaitAsync(ct) : Task.Delay(Timeout.Infinite, ct));
                    }
                    return Results.Ok();
                }
                finally
                {
                    running.AddOrUpdate(marker, 0, (_, n) => n - 1);
                }
            }).WithTopic(PubSubTestApp.PubSub, Topic);
        });
        await using var sidecar = await SidecarProcess.StartAsync(redis, new SidecarSpec("reclaim-tests")
        {
            AppPort = app.Port,
            ExtraResources = new Dictionary<string, string>
            {
                ["pubsub.yaml"] = DefaultResources.PubSubYaml(redis.Address, DefaultResources.PubSub,
                    ("processingTimeout", "2s"), ("redeliverInterval", "200ms"), ("concurrency", "\"2\"")),
            },
        });
        await SubscriptionWait.ForSubscriptionsAsync(sidecar, 1);
        using (var client = sidecar.CreateDaprClient())
        {
            foreach (var marker in new[] { "a", "b", "c" })
            {
                await client.PublishEventAsync(PubSubTestApp.PubSub, Topic, new { marker });
            }
        }

        await secondOfC.Task.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, maxParallel["c"]);
    }

    /// <summary>
    /// A delivery the app keeps asking to retry (an inbound policy that retries for ever) ends at processingTimeout.
    /// daprd ≥ 1.18.0 (pkg/runtime/subscription/subscription.go, sendToDeadLetter with deadLetterPublishTimeout)
    /// sends it to the dead-letter topic and the handler returns nil, so components-contrib (pubsub/redis/redis.go
    /// processMessage) acknowledges it: nothing stays pending. Without a dead-letter topic the error stands and
    /// processMessage skips the XACK because the context is done: the entry stays pending for a reclaim.
    /// </summary>
    [Fact]
    public async Task DeliveryStillRetryingAtProcessingTimeout_DeadLetteredAndAcknowledged()
    {
        await using var redis = await RedisServer.StartAsync();
        var deadLettered = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await TestApp.StartAsync(web =>
        {
            web.MapSubscribeHandler();
            web.MapPost("/reclaim", () => Results.Json(new { status = "RETRY" }))
                .WithTopic(new Dapr.TopicOptions { PubsubName = PubSubTestApp.PubSub, Name = Topic, DeadLetterTopic = "reclaim-dlq" });
            web.MapPost("/reclaim-dlq", async (HttpRequest request, CancellationToken ct) =>
            {
                using var reader = new StreamReader(request.Body);
                deadLettered.TrySetResult(System.Text.Json.JsonDocument.Parse(await reader.ReadToEndAsync(ct)).RootElement
                    .GetProperty("data").GetProperty("marker").GetString()!);
                return Results.Ok();
            }).WithTopic(PubSubTestApp.PubSub, "reclaim-dlq");
        });
        await using var sidecar = await SidecarProcess.StartAsync(redis, new SidecarSpec("deadline-tests")
        {
            AppPort = app.Port,
            ExtraResources = new Dictionary<string, string>
            {
                ["pubsub.yaml"] = DefaultResources.PubSubYaml(redis.Address, DefaultResources.PubSub,
                    ("processingTimeout", "2s"), ("redeliverInterval", "200ms")),
                ["resiliency.yaml"] = """
                    apiVersion: dapr.io/v1alpha1
                    kind: Resiliency
                    metadata:
                      name: deadline-tests
                    spec:
                      policies:
                        retries:
                          forever:
                            policy: constant
                            duration: 100ms
                            maxRetries: -1
                      targets:
                        components:
                          pubsub:
                            inbound:
                              retry: forever
                    """,
            },
        });
        await SubscriptionWait.ForSubscriptionsAsync(sidecar, 2);
        using (var client = sidecar.CreateDaprClient())
        {
            await client.PublishEventAsync(PubSubTestApp.PubSub, Topic, new { marker = "late" });
        }

        Assert.Equal("late", await deadLettered.Task.WaitAsync(TimeSpan.FromSeconds(60)));

        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Address);
        var pending = await connection.GetDatabase().StreamPendingAsync(Topic, "deadline-tests");
        for (var attempt = 0; attempt < 50 && pending.PendingMessageCount > 0; attempt++)
        {
            await Task.Delay(100);
            pending = await connection.GetDatabase().StreamPendingAsync(Topic, "deadline-tests");
        }
        Assert.Equal(0, pending.PendingMessageCount);
    }

    [Fact]
    public async Task Replicas_ReadAsOneConsumerNamedAfterTheAppId()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var app = await TestApp.StartAsync(web =>
        {
            web.MapSubscribeHandler();
            web.MapPost("/reclaim", () => Results.Ok()).WithTopic(PubSubTestApp.PubSub, Topic);
        });
        var spec = new SidecarSpec("replicated") { AppPort = app.Port };
        await using var first = await SidecarProcess.StartAsync(redis, spec);
        await using var second = await SidecarProcess.StartAsync(redis, spec);
        await SubscriptionWait.ForSubscriptionsAsync(first, 1);
        await SubscriptionWait.ForSubscriptionsAsync(second, 1);
        using (var client = first.CreateDaprClient())
        {
            for (var i = 0; i < 10; i++)
            {
                await client.PublishEventAsync(PubSubTestApp.PubSub, Topic, new { marker = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            }
        }
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Address);
        var db = connection.GetDatabase();

        StreamConsumerInfo[] consumers = [];
        for (var attempt = 0; attempt < 100 && consumers.Length == 0; attempt++)
        {
            consumers = await db.StreamConsumerInfoAsync(Topic, "replicated");
            await Task.Delay(100);
        }

        Assert.Equal(["replicated"], consumers.Select(c => c.Name));
    }
}
