using System.Text.Json.Serialization;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ReminderRecord))]
internal sealed partial class ActorsJsonContext : JsonSerializerContext;
