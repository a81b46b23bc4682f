namespace Dapr.AiProvider.Router.Auth;

/// <summary>The replaceable auth seam: turns a presented key into an identity, or a refusal that says why.</summary>
internal interface IApiKeyAuthenticator
{
    ValueTask<AuthResult> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken);
}

/// <summary>
/// An identity, or the reason (safe to show the caller) the credential was refused, or — <see cref="Unverifiable"/> —
/// no verdict at all: the key service could not be asked. That is the gateway's outage, not the caller's mistake, so it
/// is answered 503 and never counted as a failed authentication.
/// </summary>
internal readonly record struct AuthResult(ApiKeyIdentity? Identity, string Refusal, bool Unverifiable = false)
{
    public static readonly AuthResult KeysUnavailable =
        new(null, "API keys cannot be verified right now (the key service is unreachable); retry shortly.", Unverifiable: true);

    public static AuthResult Ok(ApiKeyIdentity identity) => new(identity, "");

    public static AuthResult Refused(string reason) => new(null, reason);

    public static readonly AuthResult InvalidKey = Refused("Invalid API key.");

    public static readonly AuthResult InvalidToken = Refused("Invalid bearer token.");
}
