using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Configuration;
namespace Dapr.AiProvider.Router.Auth;

/// <summary>
/// The production <see cref="IApiKeyAuthenticator"/>: a token shaped like a JWT goes to JWT validation;
/// any other key is first compared with the bootstrap admin key (which <c>./run.sh</c> also generates
/// as <c>aip_…</c>), then, when it has the <c>aip_</c> scheme, verified as a database key.
/// </summary>
internal sealed class GatewayAuthenticator(BootstrapKeyAuthenticator bootstrap, DatabaseKeyAuthenticator keys, JwtAuthenticator jwt)
    : IApiKeyAuthenticator
{
    public const string KeyScheme = "aip_";

    public ValueTask<ApiKeyIdentity?> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken)
    {
        if (JwtAuthenticator.LooksLikeJwt(presentedKey))
        {
            return jwt.AuthenticateAsync(presentedKey, cancellationToken);
        }
        var admin = bootstrap.AuthenticateAsync(presentedKey, cancellationToken);
        if (admin.IsCompletedSuccessfully && admin.Result is not null)
        {
            return admin;
        }
        return presentedKey.StartsWith(KeyScheme, StringComparison.Ordinal)
            ? keys.AuthenticateAsync(presentedKey, cancellationToken)
            : ValueTask.FromResult<ApiKeyIdentity?>(null);
    }

    /// <summary>The public prefix of a database key (<c>aip_XXXXXXXX</c>, followed by <c>_</c>), else "-".</summary>
    public static string PublicPrefix(string key) =>
        key.Length > 13 && key.StartsWith(KeyScheme, StringComparison.Ordinal) && key[12] == '_' ? key[..12] : "-";
}
