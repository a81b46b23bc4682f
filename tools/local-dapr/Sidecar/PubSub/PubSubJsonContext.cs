using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Dapr.AiProvider.LocalDapr.Sidecar.PubSub;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyList<SubscriptionInfo>))]
internal sealed partial class PubSubJsonContext : JsonSerializerContext;
