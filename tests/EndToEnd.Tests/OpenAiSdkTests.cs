using System.ClientModel;
using System.Text;
using OpenAI;
using OpenAI.Chat;

namespace Dapr.AiProvider.EndToEnd.Tests;

/// <summary>The official OpenAI SDK, unchanged, against the gateway.</summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", "Process")]
public sealed class OpenAiSdkTests(GatewayStack stack)
{
    private ChatClient Client() => new("auto", new ApiKeyCredential(GatewayStack.BootstrapKey),
        new OpenAIClientOptions { Endpoint = new Uri(stack.RouterUrl, "/v1") });

    [Fact]
    public async Task CompleteChat_OfficialSdk_ReturnsText()
    {
        ChatCompletion completion = await Client().CompleteChatAsync([new UserChatMessage("Write a haiku " + Guid.NewGuid())]);

        Assert.False(string.IsNullOrWhiteSpace(completion.Content[0].Text));
        Assert.True(completion.Usage.TotalTokenCount > 0);
    }

    [Fact]
    public async Task CompleteChatStreaming_OfficialSdk_StreamsTextToTheEnd()
    {
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in Client().CompleteChatStreamingAsync([new UserChatMessage("Stream a story " + Guid.NewGuid())]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
            finish ??= update.FinishReason;
        }

        Assert.False(string.IsNullOrWhiteSpace(text.ToString()));
        Assert.NotNull(finish);
    }
}
