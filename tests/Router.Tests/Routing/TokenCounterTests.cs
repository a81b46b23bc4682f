using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Routing;

namespace Dapr.AiProvider.Router.Tests.Routing;

public class TokenCounterTests
{
    private static readonly TokenCounter Counter = new();

    [Fact]
    public void CountText_HelloWorld_IsTwoO200kTokens() => Assert.Equal(2, Counter.CountText("hello world"));

    [Fact]
    public void CountPrompt_AddsChatFramingPerMessage()
    {
        var request = new ChatCompletionRequest
        {
            Messages = [ChatMessage.FromText("system", "hello world"), ChatMessage.FromText("user", "hello world")],
        };

        var count = Counter.CountPrompt(request);

        // 3 reply primer + per message (3 framing + 1 role + 2 text)
        Assert.Equal(3 + (2 * (3 + 1 + 2)), count);
    }

    [Fact]
    public void CountPrompt_LongerText_MoreTokens()
    {
        var shortRequest = new ChatCompletionRequest { Messages = [ChatMessage.FromText("user", "hi")] };
        var longRequest = new ChatCompletionRequest { Messages = [ChatMessage.FromText("user", string.Join(' ', Enumerable.Repeat("token", 500)))] };

        Assert.True(Counter.CountPrompt(longRequest) > Counter.CountPrompt(shortRequest) + 400);
    }
}
