using System.Globalization;
using System.Text.RegularExpressions;
using Dapr.AiProvider.EndToEnd.Tests;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.Client.Tests.Stack;

/// <summary>The sample agent (samples/agent) run as a process against the stack, as a user runs it against ./run.sh.</summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", "Process")]
public sealed partial class SampleAgentTests(GatewayStack stack)
{
    [Fact]
    public async Task SampleAgent_PlainHttp_PrintsAnswerAndDecision()
    {
        var output = await RunAsync(new Dictionary<string, string> { ["AIPROVIDER_URL"] = stack.RouterUrl.ToString() });

        await AssertAnsweredByGptMiniAsync(output);
    }

    [Fact]
    public async Task SampleAgent_UnderDaprSidecar_CallsThroughItAndPrintsDecision()
    {
        var output = await RunAsync(new Dictionary<string, string>
        {
            ["DAPR_HTTP_PORT"] = stack.AgentSidecarUrl.Port.ToString(CultureInfo.InvariantCulture),
        });

        Assert.Contains("via Dapr sidecar on port " + stack.AgentSidecarUrl.Port.ToString(CultureInfo.InvariantCulture), output, StringComparison.Ordinal);
        await AssertAnsweredByGptMiniAsync(output);
    }

    private static async Task<string> RunAsync(Dictionary<string, string> env)
    {
        env["AIPROVIDER_API_KEY"] = GatewayStack.BootstrapKey;
        env["AIPROVIDER_MODEL"] = "openai/gpt-4o-mini";
        env.TryAdd("AIPROVIDER_URL", "");
        env.TryAdd("DAPR_HTTP_PORT", "");
        await using var agent = TestProcess.StartDotnet("sample-agent",
            RepoPaths.Dll("samples/agent", "Dapr.AiProvider.Samples.Agent"), ["Write a haiku about queues " + Guid.NewGuid()], env);
        return await agent.WaitForExitAsync(TimeSpan.FromSeconds(90));
    }

    private async Task AssertAnsweredByGptMiniAsync(string output)
    {
        Assert.Contains("provider:    openai", output, StringComparison.Ordinal);
        Assert.Contains("model:       gpt-4o-mini", output, StringComparison.Ordinal);
        Assert.Contains("attempts:    1 (fallbacks: none)", output, StringComparison.Ordinal);
        Assert.Contains("cache:       Bypass", output, StringComparison.Ordinal);
        var requestId = RequestIdLine().Match(output);
        Assert.True(requestId.Success, output);
        var ledger = await LedgerEntry.ReadAsync(stack, requestId.Groups[1].Value);
        Assert.Equal("openai", ledger.Provider);
    }

    [GeneratedRegex(@"^request id:  (\S+)$", RegexOptions.Multiline)]
    private static partial Regex RequestIdLine();
}
