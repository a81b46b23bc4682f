using System.Text.Json.Serialization;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

/// <summary>
/// A reminder as persisted in Redis. <see cref="Data"/> is the raw JSON value registered (echoed verbatim
/// on delivery); <see cref="DueTime"/>/<see cref="Period"/>/<see cref="Ttl"/> are the strings registered.
/// <see cref="Remaining"/> counts the fires left for <c>R{n}/…</c> periods; <see cref="Version"/> tells a
/// re-registration from the registration being fired; <see cref="Failures"/> counts failed deliveries of the current fire.
/// </summary>
internal sealed record ReminderRecord(
    [property: JsonPropertyName("actorType")] string ActorType,
    [property: JsonPropertyName("actorId")] string ActorId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("data")] string? Data,
    [property: JsonPropertyName("dueTime")] string? DueTime,
    [property: JsonPropertyName("period")] string? Period,
    [property: JsonPropertyName("ttl")] string? Ttl,
    [property: JsonPropertyName("expiresAt")] long? ExpiresAtMs,
    [property: JsonPropertyName("remaining")] int? Remaining,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("failures")] int Failures = 0)
{
    public string Member => $"{ActorType}||{ActorId}||{Name}";
}
