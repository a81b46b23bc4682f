using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dapr.AiProvider.LocalDapr.Tests.Actors;

/// <summary>Reminders (persisted, data echoed, unregister) and timers, registered by the actor through the SDK.</summary>
[Collection(ActorCollection.Name)]
[Trait("Category", "Process")]
public sealed class ActorScheduleTests(ActorFixture fixture)
{
    [Fact]
    public async Task Reminder_Registered_FiresWithDataUntilUnregistered()
    {
        var id = "rem-" + Guid.NewGuid().ToString("N")[..8];
        var proxy = fixture.Env.Proxy(id);
        var fired = $"remind:{id}:tick:payload-1";

        await proxy.StartReminderAsync(new ScheduleRequest("tick", 100, 300, "payload-1"));
        await fixture.Env.Events.WaitForAsync(fired, count: 2);
        await proxy.StopReminderAsync("tick");
        await Task.Delay(500);
        var afterStop = fixture.Env.Events.Count(fired);
        await Task.Delay(1000);

        Assert.Equal(afterStop, fixture.Env.Events.Count(fired));
        using var get = await fixture.Env.Sidecar.CreateHttpClient().GetAsync($"v1.0/actors/CounterActor/{id}/reminders/tick");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task GetReminder_RegisteredOverHttp_ReturnsDaprdShapeWithRawData()
    {
        var http = fixture.Env.Sidecar.CreateHttpClient();
        var body = """{"dueTime":"1h","period":"R3/PT1H","data":{"a":1}}""";

        using var put = await http.PutAsync("v1.0/actors/CounterActor/shape/reminders/r1", new StringContent(body));
        var reminder = await http.GetFromJsonAsync<JsonElement>("v1.0/actors/CounterActor/shape/reminders/r1");
        using var bad = await http.PutAsync("v1.0/actors/CounterActor/shape/reminders/r2", new StringContent("""{"period":"often"}"""));

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("shape", reminder.GetProperty("actorID").GetString());
        Assert.Equal("CounterActor", reminder.GetProperty("actorType").GetString());
        Assert.Equal("1h", reminder.GetProperty("dueTime").GetString());
        Assert.Equal("R3/PT1H", reminder.GetProperty("period").GetString());
        Assert.Equal(1, reminder.GetProperty("data").GetProperty("a").GetInt32());
        Assert.Equal(HttpStatusCode.InternalServerError, bad.StatusCode);
        Assert.Equal("ERR_ACTOR_REMINDER_CREATE", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task Timer_Registered_FiresPeriodicallyWithData()
    {
        var id = "timer-" + Guid.NewGuid().ToString("N")[..8];

        await fixture.Env.Proxy(id).StartTimerAsync(new ScheduleRequest("t", 100, 200, "tdata"));

        await fixture.Env.Events.WaitForAsync($"timer:{id}:tdata", count: 3);
    }
}
