namespace Dapr.AiProvider.LocalDapr.Tests.PubSub;

/// <summary>How the app's answer steers delivery: RETRY, DROP, 404, failures with the inbound retry policy and dead letters.</summary>
[Collection(PubSubCollection.Name)]
[Trait("Category", "Process")]
public sealed class DeliveryStatusTests(PubSubFixture fixture)
{
    [Fact]
    public async Task Deliver_AppAnswersRetry_RetriedUntilSuccess()
    {
        var marker = Guid.NewGuid().ToString("N");
        await fixture.Client.PublishEventAsync(PubSubTestApp.PubSub, "retry", new { marker });

        await fixture.Log.WaitForMarkerAsync("retry", marker, 3);
        await Task.Delay(1000);

        Assert.Equal(3, fixture.Log.For("retry").Count(d => d.Marker == marker));
    }

    [Fact]
    public async Task Deliver_AppAnswersDrop_SentOnceToDeadLetterTopic()
    {
        var marker = Guid.NewGuid().ToString("N");
        await fixture.Client.PublishEventAsync(PubSubTestApp.PubSub, "drop", new { marker });

        var dead = (await fixture.Log.WaitForMarkerAsync("drop-dlq", marker, 1))[0];
        var original = fixture.Log.For("drop").Single(d => d.Marker == marker);

        Assert.Equal(original.Event.GetProperty("id").GetString(), dead.Event.GetProperty("id").GetString());
        await Task.Delay(800);
        Assert.Single(fixture.Log.For("drop"), d => d.Marker == marker);
    }

    [Fact]
    public async Task Deliver_AppAnswers404_DroppedWithoutRetry()
    {
        var marker = Guid.NewGuid().ToString("N");
        await fixture.Client.PublishEventAsync(PubSubTestApp.PubSub, "gone", new { marker });

        await fixture.Log.WaitForMarkerAsync("gone", marker, 1);
        await Task.Delay(1200);

        Assert.Single(fixture.Log.For("gone"), d => d.Marker == marker);
    }

    [Fact]
    public async Task Deliver_AppFails_RetriedByPolicyThenDeadLettered()
    {
        var marker = Guid.NewGuid().ToString("N");
        await fixture.Client.PublishEventAsync(PubSubTestApp.PubSub, "fail", new { marker });

        await fixture.Log.WaitForMarkerAsync("fail-dlq", marker, 1);

        Assert.Equal(4, fixture.Log.For("fail").Count(d => d.Marker == marker));
    }
}
