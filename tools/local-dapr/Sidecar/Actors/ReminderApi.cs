using System.Text;
using System.Text.Json;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

/// <summary>
/// <c>PUT|POST|GET|DELETE /v1.0/actors/{type}/{id}/reminders/{name}</c>. Register body
/// <c>{"dueTime","period","data","ttl"}</c> (204); GET answers daprd's
/// <c>{"actorID","actorType","data","dueTime","period","ttl"}</c> or 404 ERR_ACTOR_REMINDER_NOT_FOUND.
/// </summary>
internal static class ReminderApi
{
    public static IEndpointRouteBuilder MapActorReminders(this IEndpointRouteBuilder endpoints)
    {
        const string route = "/v1.0/actors/{actorType}/{actorId}/reminders/{name}";
        endpoints.MapMethods(route, ["PUT", "POST"], RegisterAsync);
        endpoints.MapGet(route, GetAsync);
        endpoints.MapDelete(route, async (string actorType, string actorId, string name, ReminderStore store) =>
        {
            await store.DeleteAsync(actorType, $"{actorType}||{actorId}||{name}");
            return Results.NoContent();
        });
        return endpoints;
    }

    private static async Task<IResult> RegisterAsync(string actorType, string actorId, string name, HttpRequest request,
        ReminderStore store, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var (schedule, error) = await ActorScheduleRequest.ReadAsync(request, now, "ERR_ACTOR_REMINDER_CREATE", "error creating actor reminder: ", ct);
        if (schedule is null)
        {
            return error!;
        }
        var record = new ReminderRecord(actorType, actorId, name, schedule.Data, schedule.DueTime, schedule.Period, schedule.Ttl,
            schedule.ExpiresAt(now)?.ToUnixTimeMilliseconds(), schedule.Repetitions, Guid.NewGuid().ToString("N"));
        await store.SaveAsync(record, now + schedule.Due);
        return Results.NoContent();
    }

    private static async Task<IResult> GetAsync(string actorType, string actorId, string name, ReminderStore store)
    {
        if (await store.GetAsync(actorType, actorId, name) is not { } record)
        {
            return new DaprError("ERR_ACTOR_REMINDER_NOT_FOUND", $"reminder {name} not found").ToResult(404);
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("actorID", record.ActorId);
            writer.WriteString("actorType", record.ActorType);
            if (record.Data is { Length: > 0 } data)
            {
                writer.WritePropertyName("data");
                writer.WriteRawValue(data);
            }
            WriteOptional(writer, "dueTime", record.DueTime);
            WriteOptional(writer, "period", record.Period);
            WriteOptional(writer, "ttl", record.Ttl);
            writer.WriteEndObject();
        }
        return Results.Bytes(buffer.ToArray(), "application/json");
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>The callback body daprd sends: <c>{"data":…,"dueTime":…,"period":…}</c> (+ <c>callback</c> for timers).</summary>
    public static byte[] CallbackBody(string? callback, string? data, string? dueTime, string? period)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (callback is not null)
            {
                writer.WriteString("callback", callback);
            }
            if (data is { Length: > 0 })
            {
                writer.WritePropertyName("data");
                writer.WriteRawValue(data);
            }
            writer.WriteString("dueTime", dueTime ?? "");
            writer.WriteString("period", period ?? "");
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
