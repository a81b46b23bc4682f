using System.Security.Cryptography;

namespace Dapr.AiProvider.Quota.Keys;

/// <summary>
/// Key format: <c>aip_{prefix:8}_{secret:43}</c> (base62-ish alphabet / base64url). The visible,
/// unique prefix <c>aip_{prefix}</c> identifies a key in lists and logs; only an HMAC of the whole key is stored.
/// </summary>
internal static class ApiKeyFormat
{
    public const string Scheme = "aip_";
    private const string Alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int PrefixChars = 8;

    public static (string Key, string Prefix) Generate()
    {
        var prefix = Scheme + RandomNumberGenerator.GetString(Alphabet, PrefixChars);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (prefix + "_" + secret, prefix);
    }

    public static string NewId() => "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>The prefix of a well-formed key, or null.</summary>
    public static string? PrefixOf(string? key)
    {
        if (key is null || key.Length < Scheme.Length + PrefixChars + 2 || key.Length > 200 || !key.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return null;
        }
        var prefixLength = Scheme.Length + PrefixChars;
        return key[prefixLength] == '_' ? key[..prefixLength] : null;
    }
}
