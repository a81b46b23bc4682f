using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Configuration;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Auth;

/// <summary>
/// Database keys (<c>aip_…</c>) verified by quota, cached in memory by the key's SHA-256 (never the key):
/// positive answers for <c>KeyCacheSeconds</c>, unknown/revoked for <c>NegativeCacheSeconds</c>, so a
/// revocation reaches every replica within the positive TTL. While quota is unreachable a cached
/// positive answer is used up to <c>StaleWhileUnavailableSeconds</c>; an unseen key is refused.
/// </summary>
internal sealed class DatabaseKeyAuthenticator(IKeyDirectory directory, KeyUsageTracker usage, IOptions<AuthOptions> options, TimeProvider time)
{
    private const int MaxEntries = 50_000;
    private readonly AuthOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);

    public async ValueTask<ApiKeyIdentity?> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken)
    {
        var cacheKey = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey)));
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(cacheKey, out var cached) && cached.ExpiresAt > now)
        {
            return Use(cached.Identity, now);
        }
        var lookup = await directory.VerifyAsync(presentedKey, cancellationToken);
        if (lookup.Unavailable)
        {
            return cached is { Identity: not null } && cached.ExpiresAt.AddSeconds(_options.StaleWhileUnavailableSeconds) > now
                ? Use(cached.Identity, now)
                : null;
        }
        var identity = lookup.Record is { Revoked: false } record ? ToIdentity(record) : null;
        if (_cache.Count >= MaxEntries)
        {
            _cache.Clear();
        }
        var ttl = identity is null ? _options.NegativeCacheSeconds : _options.KeyCacheSeconds;
        _cache[cacheKey] = new Entry(identity, now.AddSeconds(ttl));
        return Use(identity, now);
    }

    private ApiKeyIdentity? Use(ApiKeyIdentity? identity, DateTimeOffset now)
    {
        if (identity is not null)
        {
            usage.Seen(identity.KeyId, now);
        }
        return identity;
    }

    internal static ApiKeyIdentity ToIdentity(KeyRecord record)
    {
        var allowList = AllowList.Parse(record.AllowedModels);
        return new(record.Id, record.Role)
        {
            Team = record.Team,
            AllowedProviders = allowList?.Providers,
            AllowedModels = allowList is { ProviderLevelOnly: false } ? allowList : null,
            RequestsPerMinute = record.RequestsPerMinute,
            TokensPerMinute = record.TokensPerMinute,
            Source = "key",
        };
    }

    private sealed record Entry(ApiKeyIdentity? Identity, DateTimeOffset ExpiresAt);
}
