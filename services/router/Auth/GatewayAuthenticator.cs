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

    public async ValueTask<AuthResult> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken)
    {
        if (JwtAuthenticator.LooksLikeJwt(presentedKey))
        {
            return await jwt.AuthenticateAsync(presentedKey, cancellationToken);
        }
        if (bootstrap.Authenticate(presentedKey) is { } admin)
        {
            return AuthResult.Ok(admin);
        }
        return presentedKey.StartsWith(KeyScheme, StringComparison.Ordinal)
            ? await keys.AuthenticateAsync(presentedKey, cancellationToken)
            : AuthResult.InvalidKey;
    }

    /// <summary>The public prefix of a database key (<c>aip_XXXXXXXX</c>, followed by <c>_</c>), else "-".</summary>
    public static string PublicPrefix(string key) =>
        key.Length > 13 && key.StartsWith(KeyScheme, StringComparison.Ordinal) && key[12] == '_' ? key[..12] : "-";
}
