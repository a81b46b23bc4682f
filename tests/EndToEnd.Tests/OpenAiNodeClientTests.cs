using System.Text.Json;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.EndToEnd.Tests;

/// <summary>The official <c>openai</c> npm package, unchanged, against the gateway (installed by ./test.sh).</summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", "Process")]
public sealed class OpenAiNodeClientTests(GatewayStack stack)
{
    [Fact]
    public async Task OpenAiNpmPackage_CompletionAndStream_BothAnswered()
    {
        var clientDir = Path.Combine(RepoPaths.Root, "tests", "EndToEnd.Tests", "node-client");
        Assert.True(Directory.Exists(Path.Combine(clientDir, "node_modules", "openai")),
            "the openai npm package is not installed; ./test.sh runs 'npm ci' in " + clientDir);

        await using var node = TestProcess.Start("node-client", "node",
            ["client.mjs", new Uri(stack.RouterUrl, "/v1").ToString(), GatewayStack.BootstrapKey], workingDirectory: clientDir);
        var output = await node.WaitForExitAsync(TimeSpan.FromSeconds(60));

        var line = output.Split('\n').LastOrDefault(l => l.StartsWith('{')) ?? throw new InvalidOperationException(output);
        using var result = JsonDocument.Parse(line);
        Assert.False(string.IsNullOrWhiteSpace(result.RootElement.GetProperty("content").GetString()));
        Assert.True(result.RootElement.GetProperty("totalTokens").GetInt32() > 0);
        Assert.False(string.IsNullOrWhiteSpace(result.RootElement.GetProperty("streamed").GetString()));
        Assert.Equal("stop", result.RootElement.GetProperty("finish").GetString());
        Assert.True(result.RootElement.GetProperty("streamedTotalTokens").GetInt32() > 0, line);
    }
}
