using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

/// <summary>
/// <c>PUT|POST|DELETE /v1.0/actors/{type}/{id}/timers/{name}</c>: in-memory timers of an actor active in this
/// instance, fired as <c>PUT /actors/{type}/{id}/method/timer/{name}</c> with
/// <c>{"callback","data","dueTime","period"}</c> under the actor's turn; gone when the actor deactivates.
/// </summary>
internal static partial class TimerApi
{
    public static IEndpointRouteBuilder MapActorTimers(this IEndpointRouteBuilder endpoints)
    {
        const string route = "/v1.0/actors/{actorType}/{actorId}/timers/{name}";
        endpoints.MapMethods(route, ["PUT", "POST"], RegisterAsync);
        endpoints.MapDelete(route, (string actorType, string actorId, string name, ActorTable table) =>
        {
            if (table.Find(actorType, actorId) is { } activation && activation.Timers.TryRemove(name, out var timer))
            {
                timer.Cancel();
            }
            return Results.NoContent();
        });
        return endpoints;
    }

    private static async Task<IResult> RegisterAsync(string actorType, string actorId, string name, HttpRequest request,
        ActorTable table, ActorRuntime runtime, ActorInvoker invoker, TimeProvider time, ILoggerFactory loggers, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var (schedule, error) = await ActorScheduleRequest.ReadAsync(request, now, "ERR_ACTOR_TIMER_CREATE", "error creating actor timer: ", ct);
        if (schedule is null)
        {
            return error!;
        }
        if (table.Find(actorType, actorId) is not { Deactivated: false } activation)
        {
            return new DaprError("ERR_ACTOR_TIMER_CREATE", "error creating actor timer: actor is not active in this instance").ToResult(500);
        }
        var cts = new CancellationTokenSource();
        if (activation.Timers.TryRemove(name, out var previous))
        {
            previous.Cancel();
        }
        activation.Timers[name] = cts;
        var logger = loggers.CreateLogger("Dapr.AiProvider.LocalDapr.Sidecar.Actors.Timers");
        _ = RunAsync(activation, name, schedule, runtime, invoker, time, logger, cts);
        return Results.NoContent();
    }

    private static async Task RunAsync(ActorActivation activation, string name, ActorScheduleRequest schedule,
        ActorRuntime runtime, ActorInvoker invoker, TimeProvider time, ILogger logger, CancellationTokenSource cts)
    {
        var ct = cts.Token;
        var expires = schedule.ExpiresAt(time.GetUtcNow());
        var remaining = schedule.Repetitions;
        var body = ReminderApi.CallbackBody(schedule.Callback ?? "", schedule.Data, schedule.DueTime, schedule.Period);
        try
        {
            await Task.Delay(schedule.Due, time, ct);
            while (!ct.IsCancellationRequested && !activation.Deactivated && (expires is null || time.GetUtcNow() < expires))
            {
                var call = new ActorCall(activation.Type, activation.Id, "timer/" + name, body, "application/json", []);
                var result = await invoker.InvokeLocalAsync(call, runtime.Current, ct);
                if (result is { IsSuccess: false })
                {
                    Log.TimerFailed(logger, activation.Type, name, result.Status);
                }
                if (schedule.Interval is not { } period || (remaining is not null && --remaining <= 0))
                {
                    break;
                }
                await Task.Delay(period, time, ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            activation.Timers.TryRemove(new KeyValuePair<string, CancellationTokenSource>(name, cts));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(221, LogLevel.Warning, "timer {Name} of a {Type} actor: the app answered {Status}")]
        public static partial void TimerFailed(ILogger logger, string type, string name, int status);
    }
}
