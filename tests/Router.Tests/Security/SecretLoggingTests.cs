using System.Text;
using Dapr.AiProvider.Router.Tests.Api;

namespace Dapr.AiProvider.Router.Tests.Security;

public class SecretLoggingTests
{
    [Fact]
    public async Task KeysAndTokens_NeverAppearInLogs()
    {
        using var router = new SecureRouter(settings: new() { ["Logging:LogLevel:Dapr"] = "Trace", ["Logging:LogLevel:Microsoft"] = "Information" });
        var dbKey = router.Keys.Add("service");
        var revoked = router.Keys.Add("user");
        router.Keys.Revoke(revoked);
        var jwt = Tokens.Create("user");
        var badJwt = Tokens.Create(secret: "another-secret-that-is-long-enough-0123456789");
        var expired = Tokens.Create(expires: DateTime.UtcNow.AddHours(-1));
        var viewer = router.Keys.Add("viewer");
        string[] secrets = [RouterFactory.Key, dbKey, revoked, jwt, badJwt, expired, viewer, "aip_unknown1_secretsecretsecret", "wrong-bootstrap-key", "aip_0123456789abcdef0123456789abcdef"];

        foreach (var secret in secrets)
        {
            using var client = router.Client(secret);
            using var _ = await client.PostAsync("/v1/chat/completions",
                new StringContent("""{"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"));
            using var __ = await client.GetAsync("/admin/keys");
        }

        Assert.NotEmpty(router.Logs.Lines);
        var log = string.Join('\n', router.Logs.Lines);
        Assert.Contains("Authentication failed", log, StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
            // A JWT's signature alone is a secret-bearing fragment too.
            Assert.DoesNotContain(secret[(secret.LastIndexOf('.') + 1)..] is { Length: > 20 } tail ? tail : secret, log, StringComparison.Ordinal);
        }
        var secretPart = dbKey[13..];
        Assert.DoesNotContain(secretPart, log, StringComparison.Ordinal);
    }
}
