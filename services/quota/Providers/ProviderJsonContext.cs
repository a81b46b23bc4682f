using System.Text.Json;
using System.Text.Json.Serialization;
using Dapr.AiProvider.Contracts.Providers;

namespace Dapr.AiProvider.Quota.Providers;

/// <summary>Source-generated JSON for the provider registry's API.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ProviderEntry))]
[JsonSerializable(typeof(ProviderRegistryView))]
[JsonSerializable(typeof(ProviderSeedRequest))]
[JsonSerializable(typeof(ProviderSeedResult))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonNode))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
internal sealed partial class ProviderJsonContext : JsonSerializerContext;
