using Dapr.AiProvider.Router.Configuration;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Dapr.AiProvider.Router.Auth;

/// <summary>
/// Validates bearer JWTs (Microsoft.IdentityModel): HS256 with a shared <c>SigningKey</c>, or the signing
/// keys of an OIDC issuer (<c>Authority</c> / <c>MetadataAddress</c>, JWKS cached and refreshed by
/// <see cref="ConfigurationManager{T}"/>). Issuer, audience, lifetime and clock skew are checked; the role
/// comes from <c>RoleClaim</c>. A token never reaches a log: failures log only the exception type.
/// </summary>
internal sealed partial class JwtAuthenticator
{
    private static readonly string[] RolePriority = [Roles.Admin, Roles.Service, Roles.User, Roles.Viewer];
    private readonly JwtOptions _options;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters _parameters;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _metadata;
    private readonly ILogger<JwtAuthenticator> _logger;

    public JwtAuthenticator(IOptions<AuthOptions> options, TimeProvider time, ILogger<JwtAuthenticator> logger)
    {
        _options = options.Value.Jwt;
        _logger = logger;
        _parameters = new TokenValidationParameters
        {
            ValidateIssuer = !string.IsNullOrEmpty(_options.Issuer) || !string.IsNullOrEmpty(_options.Authority) || !string.IsNullOrEmpty(_options.MetadataAddress),
            ValidIssuer = _options.Issuer,
            ValidateAudience = !string.IsNullOrEmpty(_options.Audience),
            ValidAudience = _options.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(_options.ClockSkewSeconds),
            ValidateIssuerSigningKey = true,
            LifetimeValidator = (notBefore, expires, _, p) => WithinLifetime(notBefore, expires, p.ClockSkew, time.GetUtcNow()),
        };
        if (!string.IsNullOrEmpty(_options.SigningKey))
        {
            _parameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_options.SigningKey));
            _parameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }
        else if (_options.Enabled)
        {
            var address = _options.MetadataAddress ?? _options.Authority!.TrimEnd('/') + "/.well-known/openid-configuration";
            _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(address, new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever { RequireHttps = _options.RequireHttpsMetadata });
            _parameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSsaPssSha256];
        }
    }

    public bool Enabled => _options.Enabled;

    /// <summary>Compact JWS shape: three base64url segments, the header starting with <c>eyJ</c>.</summary>
    public static bool LooksLikeJwt(string token) =>
        token.StartsWith("eyJ", StringComparison.Ordinal) && token.AsSpan().Count('.') == 2;

    /// <summary>Longest <c>sub</c>/<c>client_id</c> taken as a caller id (it becomes a ledger value and a rate-limit key).</summary>
    public const int MaxSubjectLength = 200;

    public async ValueTask<AuthResult> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        if (!Enabled || token.Length > 16 * 1024)
        {
            return AuthResult.InvalidToken;
        }
        var parameters = _parameters;
        if (_metadata is not null)
        {
            try
            {
                var configuration = await _metadata.GetConfigurationAsync(cancellationToken);
                parameters = _parameters.Clone();
                parameters.IssuerSigningKeys = configuration.SigningKeys;
                parameters.ValidIssuer = _options.Issuer ?? configuration.Issuer;
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or HttpRequestException)
            {
                Log.MetadataUnavailable(_logger, ex.GetType().Name);
                return AuthResult.InvalidToken;
            }
        }
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            Log.Rejected(_logger, result.Exception?.GetType().Name ?? "invalid");
            return AuthResult.InvalidToken;
        }
        var claims = result.ClaimsIdentity.Claims;
        // Every caller needs its own id: a shared fallback would pool unrelated callers' usage, limits and budgets.
        var subject = NonBlank(result.ClaimsIdentity.FindFirst("sub")?.Value) ?? NonBlank(result.ClaimsIdentity.FindFirst("client_id")?.Value);
        if (subject is not { Length: <= MaxSubjectLength })
        {
            Log.Rejected(_logger, subject is null ? "no subject" : "subject too long");
            return AuthResult.Refused(subject is null
                ? "The bearer token names no caller: it needs a 'sub' or 'client_id' claim."
                : $"The bearer token's 'sub' / 'client_id' claim exceeds {MaxSubjectLength} characters.");
        }
        var presented = claims.Where(c => c.Type == _options.RoleClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var role = Array.Find(RolePriority, presented.Contains) ?? _options.DefaultRole ?? "none";
        return AuthResult.Ok(new ApiKeyIdentity("jwt:" + subject, role)
        {
            Team = result.ClaimsIdentity.FindFirst(_options.TeamClaim)?.Value,
            Source = "jwt",
        });
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static bool WithinLifetime(DateTime? notBefore, DateTime? expires, TimeSpan skew, DateTimeOffset now) =>
        expires is { } exp && now.UtcDateTime <= exp.ToUniversalTime() + skew
        && (notBefore is not { } nbf || now.UtcDateTime >= nbf.ToUniversalTime() - skew);

    private static partial class Log
    {
        [LoggerMessage(2121, LogLevel.Information, "JWT rejected ({Reason})")]
        public static partial void Rejected(ILogger logger, string reason);

        [LoggerMessage(2122, LogLevel.Warning, "OIDC metadata unavailable ({Error}); JWTs cannot be validated")]
        public static partial void MetadataUnavailable(ILogger logger, string error);
    }
}
