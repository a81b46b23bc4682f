using System.Text.Json.Serialization;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DaprError))]
[JsonSerializable(typeof(SidecarMetadata))]
internal sealed partial class SidecarJsonContext : JsonSerializerContext;
