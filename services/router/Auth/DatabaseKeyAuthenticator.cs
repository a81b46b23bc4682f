using Dapr.AiProvider.Router.Configuration;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Auth;

/// <summary>
/// Database keys (<c>aip_…</c>) verified by quota, cached in memory by the key's SHA-256 (never the key):
/// positive answers for <c>KeyCacheSeconds</c>, unknown/revoked for <c>NegativeCacheSeconds</c>, so a
/// revocation reaches every replica within the positive TTL. The two answers live in separate bounded caches:
/// a flood of unknown keys fills (and at worst clears) only the negative one, never evicting a valid key.
/// While quota is unreachable a cached positive answer is used up to <c>StaleWhileUnavailableSeconds</c>;
/// an unseen key gets no verdict (<see cref="AuthResult.KeysUnavailable"/>, a 503): answering 401 would tell a valid
/// key's owner it is invalid and count against the failed-authentication throttle of every client behind its address.
/// </summary>
internal sealed class DatabaseKeyAuthenticator(IKeyDirectory directory, KeyUsageTracker usage, IOptions<AuthOptions> options, TimeProvider time)
{
    /// <summary>Valid keys remembered at most; only keys quota confirmed take a place here.</summary>
    private const int MaxValidEntries = 50_000;
    private readonly AuthOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, Entry> _valid = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _invalid = new(StringComparer.Ordinal);

    public async ValueTask<AuthResult> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken)
    {
        var cacheKey = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey)));
        var now = time.GetUtcNow();
        if (_valid.TryGetValue(cacheKey, out var cached) && cached.ExpiresAt > now)
        {
            return AuthResult.Ok(Use(cached.Identity, now));
        }
        if (_invalid.TryGetValue(cacheKey, out var invalidUntil) && invalidUntil > now)
        {
            return AuthResult.InvalidKey;
        }
        var lookup = await directory.VerifyAsync(presentedKey, cancellationToken);
        if (lookup.Unavailable)
        {
            return cached is not null && cached.ExpiresAt.AddSeconds(_options.StaleWhileUnavailableSeconds) > now
                ? AuthResult.Ok(Use(cached.Identity, now))
                : AuthResult.KeysUnavailable;
        }
        if (lookup.Record is { Revoked: false } record)
        {
            var identity = ToIdentity(record);
            Remember(_valid, MaxValidEntries, cacheKey, new Entry(identity, now.AddSeconds(_options.KeyCacheSeconds)));
            _invalid.TryRemove(cacheKey, out _);
            return AuthResult.Ok(Use(identity, now));
        }
        _valid.TryRemove(cacheKey, out _);
        Remember(_invalid, _options.NegativeCacheEntries, cacheKey, now.AddSeconds(_options.NegativeCacheSeconds));
        return AuthResult.InvalidKey;
    }

    /// <summary>Bounded: a full cache starts over (its entries are only shortcuts; the next use asks quota again).</summary>
    private static void Remember<T>(ConcurrentDictionary<string, T> cache, int maxEntries, string key, T value)
    {
        if (maxEntries <= 0)
        {
            return;
        }
        if (cache.Count >= maxEntries)
        {
            cache.Clear();
        }
        cache[key] = value;
    }

    internal int ValidEntries => _valid.Count;

    internal int InvalidEntries => _invalid.Count;

    private ApiKeyIdentity Use(ApiKeyIdentity identity, DateTimeOffset now)
    {
        usage.Seen(identity.KeyId, now);
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

    private sealed record Entry(ApiKeyIdentity Identity, DateTimeOffset ExpiresAt);
}
