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

    [Fact]
    public void CountText_TextsCountedAgainInAnyOrder_EqualTheEncodingsOwnCounts()
    {
        // More distinct texts than the counter remembers, so slots are shared and replaced; then the same texts again,
        // each as a new string (as a parsed request gives them), and a text too long to be remembered.
        var counter = new TokenCounter();
        var texts = Enumerable.Range(0, 600).Select(i => $"prompt {i}: " + string.Join(' ', Enumerable.Repeat("word" + (i % 7), i % 40))).ToList();
        texts.Add(string.Join(' ', Enumerable.Repeat("long", 5_000)));
        var expected = texts.Select(t => O200kEncoding.Instance.CountTokens(t)).ToList();

        var first = texts.Select(counter.CountText).ToList();
        var again = Enumerable.Range(0, texts.Count).Reverse().Select(i => (i, counter.CountText(new string(texts[i].AsSpan())))).ToList();

        Assert.Equal(expected, first);
        Assert.All(again, pair => Assert.Equal(expected[pair.i], pair.Item2));
    }
}

