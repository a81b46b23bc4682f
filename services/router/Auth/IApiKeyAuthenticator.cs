using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Configuration;
namespace Dapr.AiProvider.Router.Auth;

/// <summary>The replaceable auth seam: turns a presented key into an identity, or null when it is not valid.</summary>
public interface IApiKeyAuthenticator
{
    ValueTask<ApiKeyIdentity?> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken);
}
