using System.Text.Json;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

/// <summary>A reminder or timer registration body, parsed and validated.</summary>
internal sealed record ActorScheduleRequest(string? DueTime, string? Period, string? Ttl, string? Data, string? Callback)
{
    public TimeSpan Due { get; private set; }
    public TimeSpan? Interval { get; private set; }
    public int? Repetitions { get; private set; }

    /// <summary>Reads and validates a registration body; on failure the daprd error to return.</summary>
    public static async Task<(ActorScheduleRequest? Request, IResult? Error)> ReadAsync(HttpRequest request, DateTimeOffset now,
        string errorCode, string errorPrefix, CancellationToken ct)
    {
        ActorScheduleRequest schedule;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            schedule = Parse(document.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return (null, new DaprError("ERR_MALFORMED_REQUEST", "failed deserializing HTTP body: " + ex.Message).ToResult(400));
        }
        return schedule.Validate(now) is { } problem
            ? (null, new DaprError(errorCode, errorPrefix + problem).ToResult(500))
            : (schedule, null);
    }

    public static ActorScheduleRequest Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("expected a JSON object");
        }
        string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var data = root.TryGetProperty("data", out var d) && d.ValueKind != JsonValueKind.Null ? d.GetRawText() : null;
        return new ActorScheduleRequest(Text("dueTime"), Text("period"), Text("ttl"), data, Text("callback"));
    }

    /// <summary>Null when valid; otherwise what is wrong.</summary>
    public string? Validate(DateTimeOffset now)
    {
        if (!ActorDurations.TryParseDueTime(DueTime, now, out var due))
        {
            return $"invalid dueTime '{DueTime}'";
        }
        if (!ActorDurations.TryParsePeriod(Period, out var period, out var repetitions))
        {
            return $"invalid period '{Period}'";
        }
        if (!string.IsNullOrEmpty(Ttl) && ExpiresAt(now) is null)
        {
            return $"invalid ttl '{Ttl}'";
        }
        Due = due;
        Interval = period;
        Repetitions = repetitions;
        return null;
    }

    public DateTimeOffset? ExpiresAt(DateTimeOffset now) =>
        string.IsNullOrEmpty(Ttl) ? null
        : ActorDurations.TryParseDuration(Ttl, out var ttl) ? now + ttl
        : DateTimeOffset.TryParse(Ttl, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
