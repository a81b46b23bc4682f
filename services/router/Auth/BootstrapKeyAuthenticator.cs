using System.Security.Cryptography;
using System.Text;
using Dapr.AiProvider.Router.Configuration;
using Microsoft.Extensions.Options;

namespace Dapr.AiProvider.Router.Auth;

/// <summary>
/// Accepts the single bootstrap admin key (<c>AIPROVIDER_BOOTSTRAP_KEY</c>). Both sides are hashed
/// first so the fixed-time comparison does not leak the key's length.
/// </summary>
internal sealed class BootstrapKeyAuthenticator
{
    public const string BootstrapKeyId = "bootstrap";

    private readonly byte[] _expectedHash;
    private readonly ApiKeyIdentity _identity = new(BootstrapKeyId, ApiKeyIdentity.AdminRole) { Source = "bootstrap", RequestsPerMinute = 0, TokensPerMinute = 0 };

    public BootstrapKeyAuthenticator(IOptions<RouterOptions> options)
    {
        _expectedHash = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.BootstrapKey ?? ""));
    }

    public ApiKeyIdentity? Authenticate(string presentedKey)
    {
        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey), presented);
        var ok = presentedKey.Length > 0 && CryptographicOperations.FixedTimeEquals(presented, _expectedHash);
        return ok ? _identity : null;
    }
}
