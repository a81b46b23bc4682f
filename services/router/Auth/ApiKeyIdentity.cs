namespace Dapr.AiProvider.Router.Auth;

/// <summary>Who is calling: the key's id (never the key), its role, and optional tenant limits.</summary>
public sealed record ApiKeyIdentity(string KeyId, string Role)
{
    public const string AdminRole = "admin";

    public string? Team { get; init; }

    /// <summary>Providers this key may use; null = all.</summary>
    public IReadOnlySet<string>? AllowedProviders { get; init; }
}
