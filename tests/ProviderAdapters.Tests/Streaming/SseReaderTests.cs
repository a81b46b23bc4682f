using System.IO.Pipelines;
using System.Text;
using Dapr.AiProvider.ProviderAdapters.Streaming;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Streaming;

public sealed class SseReaderTests
{
    [Fact]
    public async Task ReadAsync_MixedLineEndingsCommentsAndMultilineData_FollowsSseRules()
    {
        var events = await ReadAllAsync(": keep-alive\r\nevent: message_start\r\ndata: {\"a\":1}\r\n\r\ndata: line1\ndata: line2\nid: 7\nretry: 100\n\ndata:no-space\n\n");
        Assert.Equal([new SseEvent("message_start", "{\"a\":1}"), new SseEvent(null, "line1\nline2"), new SseEvent(null, "no-space")], events);
    }

    [Fact]
    public async Task ReadAsync_FinalEventWithoutBlankLine_IsStillReturned()
    {
        var events = await ReadAllAsync("data: one\n\ndata: two");
        Assert.Equal(["one", "two"], events.Select(e => e.Data));
    }

    [Fact]
    public async Task ReadAsync_FramesSplitAcrossWrites_AreReassembledAsTheyArrive()
    {
        var pipe = new Pipe();
        await using var reader = new SseReader(pipe.Reader.AsStream());
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes("data: héllo wo"));
        var pending = reader.ReadAsync(CancellationToken.None).AsTask();
        Assert.False(pending.IsCompleted, "an incomplete frame is not dispatched");
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes("rld\n\ndata: next\n\n"));
        Assert.Equal("héllo world", (await pending)!.Value.Data);
        Assert.Equal("next", (await reader.ReadAsync(CancellationToken.None))!.Value.Data);
    }

    private static async Task<List<SseEvent>> ReadAllAsync(string text)
    {
        await using var reader = new SseReader(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var events = new List<SseEvent>();
        while (await reader.ReadAsync(CancellationToken.None) is { } sse)
        {
            events.Add(sse);
        }
        return events;
    }
}
