using Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

namespace Dapr.AiProvider.LocalDapr.Tests.Resiliency;

/// <summary>A malformed Resiliency resource stops the sidecar with the file and field named.</summary>
public sealed class LoaderErrorTests : IDisposable
{
    private readonly ResiliencyFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("policies:\n    timeouts:\n      t: soon", "spec.policies.timeouts.t")]
    [InlineData("policies:\n    retries:\n      r:\n        maxRetries: many", "spec.policies.retries.r.maxRetries")]
    [InlineData("policies:\n    retries:\n      r:\n        policy: linear", "spec.policies.retries.r.policy")]
    [InlineData("policies:\n    retries:\n      r:\n        matching:\n          httpStatusCodes: \"5xx\"", "spec.policies.retries.r.matching.httpStatusCodes")]
    [InlineData("policies:\n    circuitBreakers:\n      c:\n        trip: failures > 1", "spec.policies.circuitBreakers.c.trip")]
    [InlineData("targets:\n    apps:\n      callee:\n        retry: missing", "spec.targets.apps.callee.retry")]
    [InlineData("policies:\n    circuitBreakers:\n      c: {}\n  targets:\n    actors:\n      A:\n        circuitBreaker: c", "spec.targets.actors.A.circuitBreakerScope")]
    public void Load_MalformedField_ThrowsNamingFileAndField(string spec, string field)
    {
        _files.With("bad.yaml", ResiliencyFiles.Resiliency("  " + spec));

        var error = Assert.Throws<ResiliencyConfigurationException>(() => _files.Load());

        Assert.Contains("bad.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidYamlInResiliencyFile_ThrowsNamingFile()
    {
        _files.With("broken.yaml", "kind: Resiliency\nspec: [unclosed");

        var error = Assert.Throws<ResiliencyConfigurationException>(() => _files.Load());

        Assert.Contains("broken.yaml", error.Message, StringComparison.Ordinal);
    }
}
