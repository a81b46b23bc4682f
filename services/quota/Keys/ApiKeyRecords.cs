namespace Dapr.AiProvider.Quota.Keys;

/// <summary>Body of <c>POST /quota/keys</c>.</summary>
internal sealed record CreateKeyRequest
{
    public string? Name { get; init; }
    public string? Role { get; init; }
    public string? Team { get; init; }
    /// <summary>Providers (<c>openai</c>, <c>openai/*</c>) or models (<c>openai/gpt-4o</c>); empty = all.</summary>
    public IReadOnlyList<string>? AllowedModels { get; init; }
    public int? RequestsPerMinute { get; init; }
    public int? TokensPerMinute { get; init; }
}

/// <summary>A stored key as listed (never the key or its hash).</summary>
internal sealed record ApiKeyInfo
{
    public required string Id { get; init; }
    public required string Prefix { get; init; }
    public required string Name { get; init; }
    public required string Role { get; init; }
    public string? Team { get; init; }
    public IReadOnlyList<string> AllowedModels { get; init; } = [];
    public int? RequestsPerMinute { get; init; }
    public int? TokensPerMinute { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }
    public bool Revoked => RevokedAt is not null;
}

/// <summary>Answer of <c>POST /quota/keys</c>: the full key, shown this once.</summary>
internal sealed record CreatedKey(string Key, ApiKeyInfo Info);

/// <summary>Body of <c>POST /quota/keys/verify</c>: the presented key.</summary>
internal sealed record VerifyKeyRequest(string? Key);

/// <summary>Body of <c>POST /quota/keys/last-used</c>: keys seen by a router since its last flush.</summary>
internal sealed record LastUsedRequest(IReadOnlyList<string>? Ids, DateTimeOffset? At);

/// <summary>Body of <c>POST /quota/audit</c>: one admin action or auth event.</summary>
internal sealed record AuditEntry(string? Actor, string? Action, string? Target, string? Details);
