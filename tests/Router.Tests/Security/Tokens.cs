using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dapr.AiProvider.Router.Tests.Security;

/// <summary>HS256 test tokens for the router's JWT settings.</summary>
public static class Tokens
{
    public const string Issuer = "https://issuer.test";
    public const string Audience = "aiprovider";
    public const string Secret = "a-very-long-shared-secret-for-hs256-tests-0123456789";

    public static string Create(string? role = "service", string audience = Audience, string secret = Secret, DateTime? expires = null,
        string? subject = "agent-1", string? clientId = null)
    {
        var claims = new Dictionary<string, object>();
        if (subject is not null)
        {
            claims["sub"] = subject;
        }
        if (clientId is not null)
        {
            claims["client_id"] = clientId;
        }
        if (role is not null)
        {
            claims["role"] = role;
        }
        var now = DateTime.UtcNow;
        var exp = expires ?? now.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = exp.AddMinutes(-20),
            NotBefore = exp.AddMinutes(-20),
            Expires = exp,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        });
    }

    public static IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Router:Auth:Jwt:Issuer", Issuer),
        new("Router:Auth:Jwt:Audience", Audience),
        new("Router:Auth:Jwt:SigningKey", Secret),
        new("Router:Auth:Jwt:ClockSkewSeconds", "5"),
    ];

}
