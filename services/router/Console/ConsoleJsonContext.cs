using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Router.Console;

/// <summary>Source-generated JSON for the console's admin reads.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HeadroomModel[]))]
[JsonSerializable(typeof(ProviderWindows))]
[JsonSerializable(typeof(ConsoleUser))]
internal sealed partial class ConsoleJsonContext : JsonSerializerContext;

/// <summary>Answer of <c>GET /admin/me</c>.</summary>
internal sealed record ConsoleUser(string KeyId, string Role, string? Team);
