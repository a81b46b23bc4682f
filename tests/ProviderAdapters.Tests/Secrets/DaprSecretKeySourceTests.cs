using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.ProviderAdapters.Secrets;
using Dapr.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Secrets;

public sealed class DaprSecretKeySourceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 7, 4, 10, 0, 0, TimeSpan.Zero));
    private readonly Mock<DaprClient> _dapr = new();

    private DaprSecretKeySource Source() =>
        new(_dapr.Object, _time, TimeSpan.FromSeconds(30), NullLogger<DaprSecretKeySource>.Instance);

    private void Secret(string name, string? value) =>
        _dapr.Setup(d => d.GetSecretAsync(DaprNames.SecretStore, name, It.IsAny<IReadOnlyDictionary<string, string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(value is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [name] = value });

    [Fact]
    public async Task GetAsync_KeyPresent_ReadsTheSecretStoreOnce()
    {
        Secret("openai-api-key", "sk-1");
        var source = Source();
        Assert.Equal("sk-1", await source.GetAsync("openai-api-key", CancellationToken.None));
        Assert.Equal("sk-1", await source.GetAsync("openai-api-key", CancellationToken.None));
        _dapr.Verify(d => d.GetSecretAsync(DaprNames.SecretStore, "openai-api-key", It.IsAny<IReadOnlyDictionary<string, string>>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task GetAsync_KeyMissing_RememberedUntilTheRetryInterval()
    {
        Secret("hf-token", null);
        var source = Source();
        Assert.Null(await source.GetAsync("hf-token", CancellationToken.None));
        Secret("hf-token", "hf_abc");
        Assert.Null(await source.GetAsync("hf-token", CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("hf_abc", await source.GetAsync("hf-token", CancellationToken.None));
    }

    [Fact]
    public async Task RefreshAsync_AfterRotation_ReturnsTheNewKey()
    {
        Secret("anthropic-api-key", "old");
        var source = Source();
        Assert.Equal("old", await source.GetAsync("anthropic-api-key", CancellationToken.None));
        Secret("anthropic-api-key", "new");
        Assert.Equal("new", await source.RefreshAsync("anthropic-api-key", CancellationToken.None));
        Assert.Equal("new", await source.GetAsync("anthropic-api-key", CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_SidecarUnavailable_IsNoKeyNotACrash()
    {
        _dapr.Setup(d => d.GetSecretAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<IReadOnlyDictionary<string, string>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new Dapr.DaprException("sidecar down"));
        Assert.Null(await Source().GetAsync("gemini-api-key", CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_KubernetesSecretWithOneDifferentlyNamedKey_UsesIt()
    {
        _dapr.Setup(d => d.GetSecretAsync(DaprNames.SecretStore, "github-token", It.IsAny<IReadOnlyDictionary<string, string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<string, string> { ["token"] = "ghp_x" });
        Assert.Equal("ghp_x", await Source().GetAsync("github-token", CancellationToken.None));
    }
}
