namespace Dapr.AiProvider.Router.Auth;

/// <summary>Who is calling: the key's id (never the key), its role, and optional tenant limits.</summary>
internal sealed record ApiKeyIdentity(string KeyId, string Role)
{
    public const string AdminRole = Roles.Admin;

    public string? Team { get; init; }

    /// <summary>Providers this key may use; null = all.</summary>
    public IReadOnlySet<string>? AllowedProviders { get; init; }

    /// <summary>The key's model-level allow-list (checked after <see cref="AllowedProviders"/>); null = every model.</summary>
    public AllowList? AllowedModels { get; init; }

    /// <summary>Requests per minute for this caller; null = the configured default, 0 = unlimited.</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>Tokens per minute for this caller; null = the configured default, 0 = unlimited.</summary>
    public int? TokensPerMinute { get; init; }

    /// <summary>How the caller authenticated: bootstrap, key, jwt or dapr (its mesh app id alone).</summary>
    public string Source { get; init; } = "key";

    /// <summary>The Dapr app id the request came from, when the router's own sidecar vouched for it (<see cref="DaprCaller"/>); else null.</summary>
    public string? CallerAppId { get; init; }
}
