namespace Dapr.AiProvider.Router.Auth;

/// <summary>
/// The production <see cref="IApiKeyAuthenticator"/>: a token shaped like a JWT goes to JWT validation,
/// an <c>aip_</c> key to the database keys, anything else is compared with the bootstrap admin key.
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
        if (presentedKey.StartsWith(KeyScheme, StringComparison.Ordinal))
        {
            return keys.AuthenticateAsync(presentedKey, cancellationToken);
        }
        return bootstrap.AuthenticateAsync(presentedKey, cancellationToken);
    }
}
