using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.TestInfrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dapr.AiProvider.Router.Tests.Security;

/// <summary>RS256 through OIDC metadata: a local issuer serves /.well-known/openid-configuration and its JWKS.</summary>
public sealed class JwksTests : IAsyncLifetime
{
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RSA _otherRsa = RSA.Create(2048);
    private WebApplication _issuer = null!;
    private string _authority = "";

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        _authority = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(_authority);
        _issuer = builder.Build();
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = "k1" });
        var jwks = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["keys"] = new[] { new Dictionary<string, string> { ["kty"] = "RSA", ["kid"] = "k1", ["use"] = "sig", ["alg"] = "RS256", ["n"] = jwk.N, ["e"] = jwk.E } },
        });
        var metadata = JsonSerializer.Serialize(new Dictionary<string, string> { ["issuer"] = _authority, ["jwks_uri"] = _authority + "/jwks" });
        _issuer.MapGet("/.well-known/openid-configuration", () => Results.Text(metadata, "application/json"));
        _issuer.MapGet("/jwks", () => Results.Text(jwks, "application/json"));
        await _issuer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _issuer.DisposeAsync();
        _rsa.Dispose();
        _otherRsa.Dispose();
    }

    private string Token(RSA rsa, string issuer, string role = "service") => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = issuer,
        Audience = Tokens.Audience,
        Claims = new Dictionary<string, object> { ["sub"] = "svc-1", ["role"] = role },
        Expires = DateTime.UtcNow.AddMinutes(5),
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "k1" }, SecurityAlgorithms.RsaSha256),
    });

    [Fact]
    public async Task Rs256_FromJwks_AcceptsGoodToken_RejectsForeignKeyAndIssuer()
    {
        using var router = new SecureRouter(hs256: false, settings: new()
        {
            ["Router:Auth:Jwt:Authority"] = _authority,
            ["Router:Auth:Jwt:Audience"] = Tokens.Audience,
            ["Router:Auth:Jwt:RequireHttpsMetadata"] = "false",
        });
        var hello = """{"messages":[{"role":"user","content":"hi"}]}""";

        async Task<HttpStatusCode> SendAsync(string token)
        {
            using var client = router.Client(token);
            using var response = await client.PostAsync("/v1/chat/completions", new StringContent(hello, Encoding.UTF8, "application/json"));
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await SendAsync(Token(_rsa, _authority)));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(Token(_otherRsa, _authority)));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(Token(_rsa, "https://someone-else")));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(Token(_rsa, _authority, role: "viewer")));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(Tokens.Create()));
    }
}
