using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Providers;
using Dapr.AiProvider.ProviderAdapters.Configuration;

namespace Dapr.AiProvider.ProviderAdapters.Registry;

/// <summary>
/// Source-generated JSON of the registry: an account's settings in camelCase, nulls left out (<see cref="RegistrySettings"/>:
/// the shape quota stores), and quota's registry answers and seed (<see cref="QuotaRegistryClient"/>).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProviderAccountOptions))]
[JsonSerializable(typeof(ModelPrice))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(ProviderRegistryView))]
[JsonSerializable(typeof(ProviderSeedRequest))]
[JsonSerializable(typeof(ProviderSeedResult))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;
