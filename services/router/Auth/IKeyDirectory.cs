using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Configuration;
namespace Dapr.AiProvider.Router.Auth;

/// <summary>The quota service's key API as the router needs it (a port: fakes in tests).</summary>
internal interface IKeyDirectory
{
    /// <summary>The stored record of a presented key; <see cref="KeyLookup.NotFound"/> when no key matches.</summary>
    Task<KeyLookup> VerifyAsync(string presentedKey, CancellationToken cancellationToken);

    Task TouchAsync(IReadOnlyList<string> ids, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>What quota knows about a key (never the key or its hash).</summary>
internal sealed record KeyRecord
{
    public required string Id { get; init; }
    public required string Role { get; init; }
    public string? Team { get; init; }
    public IReadOnlyList<string> AllowedModels { get; init; } = [];
    public int? RequestsPerMinute { get; init; }
    public int? TokensPerMinute { get; init; }
    public bool Revoked { get; init; }
}

/// <summary>Result of a verification: a record, not found, or quota unreachable.</summary>
internal readonly record struct KeyLookup(KeyRecord? Record, bool Unavailable)
{
    public static readonly KeyLookup NotFound = new(null, false);
    public static readonly KeyLookup Down = new(null, true);
}
