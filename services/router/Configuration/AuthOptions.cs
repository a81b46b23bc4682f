using Dapr.AiProvider.Router.Auth;
using System.ComponentModel.DataAnnotations;

namespace Dapr.AiProvider.Router.Configuration;

/// <summary>Configuration section <c>Router:Auth</c>: key cache, JWT validation, rate limits.</summary>
internal sealed class AuthOptions
{
    public const string Section = "Router:Auth";

    /// <summary>How long a verified database key is trusted before asking quota again.</summary>
    [Range(1, 3600)] public int KeyCacheSeconds { get; set; } = 30;

    /// <summary>How long an unknown or revoked key is remembered as such.</summary>
    [Range(1, 600)] public int NegativeCacheSeconds { get; set; } = 5;

    /// <summary>
    /// Failed authentications a client (its address) may make per minute before it is answered 429 without its
    /// credential being checked (0 = no limit). Guessing keys then costs no quota call.
    /// </summary>
    [Range(0, 1_000_000)] public int FailedAuthPerMinute { get; set; } = 30;

    /// <summary>Unknown or revoked keys remembered at most (a separate cache: a flood of them never evicts valid keys).</summary>
    [Range(0, 1_000_000)] public int NegativeCacheEntries { get; set; } = 10_000;

    /// <summary>How long a cached key may still be used while quota is unreachable.</summary>
    [Range(0, 3600)] public int StaleWhileUnavailableSeconds { get; set; } = 300;

    /// <summary>How often key last-used times are flushed to quota.</summary>
    [Range(1, 3600)] public int LastUsedFlushSeconds { get; set; } = 30;

    /// <summary>Requests per minute per caller when its key sets none (0 = unlimited). The bootstrap key is never limited.</summary>
    [Range(0, 10_000_000)] public int DefaultRequestsPerMinute { get; set; }

    /// <summary>Requests per minute shared by all callers of a team (keys' <c>team</c>, JWT <c>TeamClaim</c>); missing = unlimited.</summary>
    public Dictionary<string, int> TeamRequestsPerMinute { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Tokens (prompt + completion) per minute per caller when its key sets none (0 = unlimited).</summary>
    [Range(0, int.MaxValue)] public int DefaultTokensPerMinute { get; set; }

    /// <summary>Tokens per minute shared by all callers of a team; missing = unlimited.</summary>
    public Dictionary<string, int> TeamTokensPerMinute { get; set; } = new(StringComparer.Ordinal);

    /// <summary>CORS origins allowed to call the API (empty = CORS off).</summary>
    public List<string> CorsOrigins { get; set; } = [];

    [Microsoft.Extensions.Options.ValidateObjectMembers] public JwtOptions Jwt { get; set; } = new();
}

/// <summary><c>Router:Auth:Jwt</c>: HS256 with <see cref="SigningKey"/>, or RS256/ES256 keys from <see cref="Authority"/> / <see cref="MetadataAddress"/>.</summary>
internal sealed class JwtOptions
{
    public string? Issuer { get; set; }
    public string? Audience { get; set; }
    /// <summary>Shared HS256 secret (≥ 32 bytes).</summary>
    public string? SigningKey { get; set; }
    /// <summary>OIDC issuer; its <c>/.well-known/openid-configuration</c> gives the JWKS.</summary>
    public string? Authority { get; set; }
    public string? MetadataAddress { get; set; }
    public bool RequireHttpsMetadata { get; set; } = true;
    [Range(0, 600)] public int ClockSkewSeconds { get; set; } = 30;
    public string RoleClaim { get; set; } = "role";
    public string TeamClaim { get; set; } = "team";
    /// <summary>Role given to a valid token without a role claim (null = rejected with 403).</summary>
    public string? DefaultRole { get; set; }

    public bool Enabled => !string.IsNullOrEmpty(SigningKey) || !string.IsNullOrEmpty(Authority) || !string.IsNullOrEmpty(MetadataAddress);
}
