using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Dapr.AiProvider.LocalDapr.Tests.PubSub;

/// <summary>At-least-once: a message in delivery when its sidecar is killed is delivered after the restart.</summary>
[Trait("Category", "Process")]
public sealed class RedeliveryTests
{
    [Fact]
    public async Task Deliver_SidecarKilledMidDelivery_RedeliveredAfterRestart()
    {
        await using var redis = await RedisServer.StartAsync();
        var log = new DeliveryLog();
        var firstArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await TestApp.StartAsync(web =>
        {
            web.MapSubscribeHandler();
            web.MapPost("/slow", async (HttpRequest request, CancellationToken ct) =>
            {
                using var reader = new StreamReader(request.Body);
                log.Add(new Delivery("slow", request.ContentType, await reader.ReadToEndAsync(ct)));
                if (firstArrived.TrySetResult())
                {
                    await Task.Delay(Timeout.Infinite, ct); // hold the first delivery until the sidecar dies
                }
                return Results.Ok();
            }).WithTopic(PubSubTestApp.PubSub, "slow");
        });
        await using var sidecar = await SidecarProcess.StartAsync(redis, new SidecarSpec("redelivery-tests")
        {
            AppPort = app.Port,
            ExtraResources = new Dictionary<string, string> { ["pubsub.yaml"] = PubSubResources.FastRedeliveryPubSub(redis.Address) },
        });
        await SubscriptionWait.ForSubscriptionsAsync(sidecar, 1);
        using (var client = sidecar.CreateDaprClient())
        {
            await client.PublishEventAsync(PubSubTestApp.PubSub, "slow", new { marker = "m1" });
        }
        await firstArrived.Task.WaitAsync(TimeSpan.FromSeconds(20));

        sidecar.Kill();
        await sidecar.RestartAsync();

        var deliveries = await log.WaitForAsync("slow", 2, TimeSpan.FromSeconds(30));
        Assert.Equal(deliveries[0].Event.GetProperty("id").GetString(), deliveries[1].Event.GetProperty("id").GetString());
        Assert.Equal("m1", deliveries[1].Marker);
    }
}
