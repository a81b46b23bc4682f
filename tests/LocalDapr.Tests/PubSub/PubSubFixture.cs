using System.Collections.Concurrent;
using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;
using Dapr.Client;

namespace Dapr.AiProvider.LocalDapr.Tests.PubSub;

/// <summary>Redis + the subscriber test app + its sidecar (app id <c>pubsub-tests</c>, inbound retry policy, one declarative subscription).</summary>
public sealed class PubSubFixture : IAsyncLifetime
{
    public const string AppId = "pubsub-tests";
    public const int SubscriptionCount = 10;

    public DeliveryLog Log { get; } = new();
    public ConcurrentDictionary<string, int> Attempts { get; } = new();
    public RedisServer Redis { get; private set; } = null!;
    public TestApp App { get; private set; } = null!;
    public SidecarProcess Sidecar { get; private set; } = null!;
    public DaprClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        App = await PubSubTestApp.StartAsync(Log, Attempts);
        Sidecar = await SidecarProcess.StartAsync(Redis, new SidecarSpec(AppId)
        {
            AppPort = App.Port,
            ExtraResources = new Dictionary<string, string>
            {
                ["resiliency.yaml"] = PubSubResources.InboundRetry,
                ["subscription.yaml"] = PubSubResources.DeclarativeSubscription,
                ["pubsub-trimmed.yaml"] = PubSubResources.TrimmedPubSub(Redis.Address),
            },
        });
        await SubscriptionWait.ForSubscriptionsAsync(Sidecar, SubscriptionCount);
        Client = Sidecar.CreateDaprClient();
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (Sidecar is not null)
        {
            await Sidecar.DisposeAsync();
        }
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
    }
}
