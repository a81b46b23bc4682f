using OpenAI.Chat;

namespace Dapr.AiProvider.EndToEnd.Tests;

/// <summary>The official OpenAI SDK, unchanged, against the gateway.</summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", "Process")]
public sealed class OpenAiSdkTests(GatewayStack stack)
{
    [Fact]
    public async Task CompleteChat_OfficialSdk_ReturnsText()
    {
        ChatCompletion completion = await stack.OpenAiChat().CompleteChatAsync([new UserChatMessage("Write a haiku " + Guid.NewGuid())]);

        Assert.False(string.IsNullOrWhiteSpace(completion.Content[0].Text));
        Assert.True(completion.Usage.TotalTokenCount > 0);
    }

    [Fact]
    public async Task CompleteChatStreaming_OfficialSdk_StreamsTextToTheEnd()
    {
        var (text, finish) = await stack.StreamChatAsync("Stream a story " + Guid.NewGuid());

        Assert.False(string.IsNullOrWhiteSpace(text));
        Assert.NotNull(finish);
    }
}
