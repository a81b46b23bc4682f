namespace Dapr.AiProvider.LocalDapr.Tests.PubSub;

/// <summary>v2 routing rules from <c>/dapr/subscribe</c> (Dapr.AspNetCore <c>Match</c>) and from a declarative Subscription.</summary>
[Collection(PubSubCollection.Name)]
[Trait("Category", "Process")]
public sealed class RoutingTests(PubSubFixture fixture)
{
    [Fact]
    public async Task Deliver_EventTypeMatchesRule_RoutedToRulePath()
    {
        var special = Guid.NewGuid().ToString("N");
        var plain = Guid.NewGuid().ToString("N");
        await fixture.Client.PublishEventAsync(PubSubTestApp.PubSub, "widgets", new { marker = special },
            new Dictionary<string, string> { ["cloudevent.type"] = "widget" });
        await fixture.Client.PublishEventAsync(PubSubTestApp.PubSub, "widgets", new { marker = plain });

        await fixture.Log.WaitForMarkerAsync("widgets-special", special, 1);
        await fixture.Log.WaitForMarkerAsync("widgets", plain, 1);

        Assert.DoesNotContain(fixture.Log.For("widgets"), d => d.Marker == special);
        Assert.DoesNotContain(fixture.Log.For("widgets-special"), d => d.Marker == plain);
    }

    [Fact]
    public async Task Deliver_DeclarativeSubscriptionRules_RoutedByData()
    {
        var a = Guid.NewGuid().ToString("N");
        var other = Guid.NewGuid().ToString("N");
        await fixture.Client.PublishEventAsync(PubSubTestApp.PubSub, "decl", new { marker = a, kind = "a" });
        await fixture.Client.PublishEventAsync(PubSubTestApp.PubSub, "decl", new { marker = other, kind = "b" });

        await fixture.Log.WaitForMarkerAsync("decl-a", a, 1);
        await fixture.Log.WaitForMarkerAsync("decl-default", other, 1);

        Assert.DoesNotContain(fixture.Log.For("decl-default"), d => d.Marker == a);
    }
}
