using System.Text.RegularExpressions;
using Dapr.AiProvider.Deployment.Tests.Infrastructure;

namespace Dapr.AiProvider.Deployment.Tests.Rules;

/// <summary>
/// compose.yaml, as <c>docker-compose config</c> resolves it: valid; each app runs the images' UID with a read-only
/// root file system beside a daprd (Dapr 1.15+) in its network namespace, started with its app id and the mounted
/// resources; Redis and PostgreSQL have health checks the apps wait for; secrets come from files.
/// </summary>
public sealed partial class ComposeRulesTests
{
    [Theory]
    [InlineData("router", "8080")]
    [InlineData("quota", "5200")]
    [InlineData("provider-adapters", "5300")]
    public void App_BesideItsDaprd_AsTheImagesUser(string app, string port)
    {
        var services = ComposeFile.Services;
        var service = services[app]!;
        var daprd = services[app + "-dapr"]!;
        var command = daprd["command"]!.AsArray().Select(a => (string?)a).ToList();

        Assert.Equal("10001:10001", (string?)service["user"]);
        Assert.True((bool?)service["read_only"]);
        Assert.Equal(app, (string?)service["build"]!["target"]);
        var version = DaprdVersion().Match((string)daprd["image"]!);
        Assert.True(version.Success && new Version(version.Groups[1].Value) >= new Version(1, 15), (string?)daprd["image"]);
        Assert.Equal(app, command[command.IndexOf("--app-id") + 1]);
        Assert.Equal(port, command[command.IndexOf("--app-port") + 1]);
        Assert.Equal("/resources", command[command.IndexOf("--resources-path") + 1]);
        Assert.Contains("--enable-app-health-check", command);
    }

    [Theory]
    [InlineData("redis")]
    [InlineData("postgres")]
    public void Infrastructure_HasHealthChecks_AppsWaitForThem(string name)
    {
        var services = ComposeFile.Services;

        Assert.NotNull(services[name]!["healthcheck"]!["test"]);
        Assert.Contains(new[] { "router", "quota", "provider-adapters" },
            app => (string?)services[app]!["depends_on"]?[name]?["condition"] == "service_healthy");
    }

    [Fact]
    public void Secrets_FromFiles_OnlyWhereRead()
    {
        var services = ComposeFile.Services;

        Assert.Null(services["router-dapr"]!["secrets"]);
        foreach (var app in new[] { "quota", "provider-adapters" })
        {
            Assert.Contains(services[app + "-dapr"]!["secrets"]!.AsArray(), s => (string?)s!["source"] == "aiprovider-secrets" || (string?)s == "aiprovider-secrets");
        }
    }

    [GeneratedRegex(@"^daprio/daprd:([0-9]+\.[0-9]+)\.[0-9]+$")]
    private static partial Regex DaprdVersion();
}
