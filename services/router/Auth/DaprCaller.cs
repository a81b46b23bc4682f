using System.Security.Cryptography;
using System.Text;
using Dapr.AiProvider.ServiceDefaults;

namespace Dapr.AiProvider.Router.Auth;

/// <summary>
/// The caller's Dapr app id, trusted only on a request that came through the router's own sidecar: one that
/// carries the app token (<c>dapr-api-token</c> = <c>APP_API_TOKEN</c>, which only the sidecar holds; daprd sets
/// it on every call to its app, dapr/dapr <c>pkg/channel/http/http_channel.go</c>). daprd stamps
/// <c>dapr-caller-app-id</c> on every invocation and overwrites a caller-sent one (dapr/dapr
/// <c>pkg/messaging/direct_messaging.go</c>, <c>addCallerAndCalleeAppIDHeaderToMetadata</c>); with mTLS the
/// id is proven by the caller's certificate. Without the token (the public port, or no token configured)
/// the header is ignored.
/// </summary>
internal sealed class DaprCaller
{
    public const string CallerAppIdHeader = "dapr-caller-app-id";

    /// <summary>Dapr app ids are DNS labels in Kubernetes: at most 63 characters of <c>[a-z0-9-]</c> (mixed case accepted locally).</summary>
    public const int MaxAppIdLength = 63;

    private readonly byte[]? _tokenHash;

    public DaprCaller(IConfiguration configuration)
    {
        _tokenHash = configuration[AppApiTokenGuard.Setting] is { Length: > 0 } token ? SHA256.HashData(Encoding.UTF8.GetBytes(token)) : null;
    }

    /// <summary>The sidecar-proven caller app id, or null.</summary>
    public string? AppIdOf(HttpRequest request)
    {
        if (_tokenHash is null || !request.Headers.TryGetValue(CallerAppIdHeader, out var values) || values.Count != 1)
        {
            return null;
        }
        // Hashing both sides gives equal-length inputs, so the comparison time reveals nothing about the token.
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(request.Headers[AppApiTokenGuard.Header].ToString()));
        if (!CryptographicOperations.FixedTimeEquals(presented, _tokenHash))
        {
            return null;
        }
        var appId = values.ToString();
        return IsAppId(appId) ? appId : null;
    }

    public static bool IsAppId(string? appId) =>
        appId is { Length: > 0 and <= MaxAppIdLength } && char.IsAsciiLetterOrDigit(appId[0])
        && appId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
