using System.Text.Json;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.EndToEnd.Tests;

/// <summary>The official <c>@anthropic-ai/sdk</c> and <c>openai</c> npm packages, unchanged, on /v1/messages and /v1/responses (installed by ./test.sh).</summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", "Process")]
public sealed class DialectsNodeClientTests(GatewayStack stack)
{
    [Fact]
    public async Task AnthropicAndResponsesNpmPackages_PlainStreamedToolsAndWrongKey()
    {
        var clientDir = Path.Combine(RepoPaths.Root, "tests", "EndToEnd.Tests", "node-client");
        Assert.True(Directory.Exists(Path.Combine(clientDir, "node_modules", "@anthropic-ai", "sdk")),
            "the @anthropic-ai/sdk npm package is not installed; ./test.sh runs 'npm ci' in " + clientDir);

        await using var node = TestProcess.Start("node-dialects", "node",
            ["dialects.mjs", stack.RouterUrl.ToString().TrimEnd('/'), GatewayStack.BootstrapKey], workingDirectory: clientDir);
        var output = await node.WaitForExitAsync(TimeSpan.FromSeconds(60));

        var line = output.Split('\n').LastOrDefault(l => l.StartsWith('{')) ?? throw new InvalidOperationException(output);
        using var result = JsonDocument.Parse(line);
        var r = result.RootElement;
        Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("messageText").GetString()), line);
        Assert.Equal("end_turn", r.GetProperty("messageStop").GetString());
        Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("streamedText").GetString()), line);
        Assert.True(r.GetProperty("streamedOutputTokens").GetInt32() > 0, line);
        // The SDK hands every event but ping (it skips keep-alives) to its listeners.
        Assert.Equal(
            ["message_start", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"],
            r.GetProperty("streamEvents").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("get_time", r.GetProperty("toolName").GetString());
        Assert.Equal("string", r.GetProperty("toolZoneType").GetString());
        Assert.Equal("AuthenticationError", r.GetProperty("anthropicWrongKey").GetString());
        Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("responseText").GetString()), line);
        Assert.Equal("completed", r.GetProperty("responseStatus").GetString());
        Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("responseStreamed").GetString()), line);
        Assert.True(r.GetProperty("responseCompletedTokens").GetInt32() > 0, line);
        Assert.Equal("get_time", r.GetProperty("functionName").GetString());
        Assert.Equal("string", r.GetProperty("functionZoneType").GetString());
        Assert.Equal("AuthenticationError", r.GetProperty("responsesWrongKey").GetString());
    }
}
