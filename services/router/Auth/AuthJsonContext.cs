using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Configuration;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Router.Auth;

/// <summary>Source-generated JSON for the router's calls to the quota key API.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(KeyRecord))]
[JsonSerializable(typeof(VerifyBody))]
[JsonSerializable(typeof(TouchBody))]
internal sealed partial class AuthJsonContext : JsonSerializerContext;

internal sealed record VerifyBody(string Key);

internal sealed record TouchBody(IReadOnlyList<string> Ids, DateTimeOffset At);
