using System.Net;
using Dapr.AiProvider.ProviderAdapters.Secrets;
using Microsoft.Extensions.DependencyInjection;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Integration;

/// <summary>A rotated key: the provider's 401 makes the adapter re-read the secret once and retry with the new key.</summary>
[Trait("Category", "Process")]
public sealed class KeyRefreshTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Chat_KeyRotatedInSecretStore_401RefreshesKeyAndSucceeds()
    {
        var keys = new RotatingKeySource("sk-old", "sim-key");
        using var app = new AdapterAppFactory(
            new Dictionary<string, string?> { ["AIPROVIDER_SIMULATOR_URL"] = simulator.Url, ["Logging:LogLevel:Default"] = "Warning" },
            services => services.AddSingleton<IProviderKeySource>(keys));
        using var client = app.CreateClient();

        using var response = await AdapterCalls.PostAsync(client, AdapterCalls.Request("openai", "gpt-4o-mini", "hello"), stream: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, keys.Refreshes);
        using var again = await AdapterCalls.PostAsync(client, AdapterCalls.Request("anthropic", "claude-haiku-5-5", "hello"), stream: true);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    private sealed class RotatingKeySource(string oldKey, string newKey) : IProviderKeySource
    {
        private volatile bool _rotated;

        public int Refreshes { get; private set; }

        public ValueTask<string?> GetAsync(string secretName, CancellationToken cancellationToken) =>
            ValueTask.FromResult<string?>(_rotated ? newKey : oldKey);

        public ValueTask<string?> RefreshAsync(string secretName, CancellationToken cancellationToken)
        {
            Refreshes++;
            _rotated = true;
            return ValueTask.FromResult<string?>(newKey);
        }
    }
}
