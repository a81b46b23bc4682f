using System.Text;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Backend;

namespace Dapr.AiProvider.Router.Tests.Backend;

/// <summary>The adapters' stream as the router reads it (event names: Contracts AdapterStreamEvents).</summary>
public sealed class SseBackendStreamTests
{
    private static readonly AdapterChatRequest Request = new() { Provider = "openai", Model = "gpt-6-luna" };

    /// <summary>As DaprCompletionBackend makes it: the body is the response's content stream.</summary>
    private static SseBackendStream Over(Stream body) => new(new HttpResponseMessage { Content = new StreamContent(body) }, body, Request);

    private static SseBackendStream Over(string text) => Over(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    private static async Task<List<BackendStreamEvent>> ReadAllAsync(SseBackendStream stream)
    {
        var events = new List<BackendStreamEvent>();
        while (await stream.ReadAsync(CancellationToken.None) is { } next)
        {
            events.Add(next);
        }
        return events;
    }

    [Fact]
    public async Task NamedEvents_ChunkUsageDone_InOrder_ThenNothing()
    {
        await using var stream = Over(
            "event: chunk\ndata: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n" +
            ": a comment line is ignored\n\n" +
            "event: chunk\ndata: {\"id\":\"c1\",\n" +
            "data: \"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"}}]}\n\n" +
            "event: usage\ndata: {\"provider\":\"openai\",\"model\":\"gpt-6-luna\",\"costMicros\":42}\n\n" +
            "event: done\ndata: {}\n\n" +
            "event: chunk\ndata: {\"id\":\"after-done\",\"choices\":[]}\n\n");

        var events = await ReadAllAsync(stream);

        Assert.Collection(events,
            e => Assert.Equal("Hel", Assert.IsType<BackendStreamEvent.Chunk>(e).Value.Choices[0].Delta.Content),
            e => Assert.Equal("lo", Assert.IsType<BackendStreamEvent.Chunk>(e).Value.Choices[0].Delta.Content),
            e => Assert.Equal(42, Assert.IsType<BackendStreamEvent.Usage>(e).Report.CostMicros),
            e => Assert.IsType<BackendStreamEvent.Done>(e));
    }

    [Fact]
    public async Task UnnamedEvent_IsAChunk_UnknownEventName_IsSkipped()
    {
        await using var stream = Over(
            "event: heartbeat\ndata: {}\n\n" +
            "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\n\n");

        var events = await ReadAllAsync(stream);

        Assert.Equal("x", Assert.IsType<BackendStreamEvent.Chunk>(Assert.Single(events)).Value.Choices[0].Delta.Content);
    }

    [Fact]
    public async Task ErrorEvent_EndsTheStream_WithTheAdaptersClass()
    {
        await using var stream = Over(
            "event: error\ndata: {\"class\":\"rate_limited\",\"message\":\"slow down\",\"provider\":\"openai\",\"model\":\"gpt-6-luna\"}\n\n" +
            "event: done\ndata: {}\n\n");

        var events = await ReadAllAsync(stream);

        var error = Assert.IsType<BackendStreamEvent.Error>(Assert.Single(events));
        Assert.Equal(ErrorClass.RateLimited, error.Failure.Class);
    }

    [Fact]
    public async Task UnreadableJson_IsAnUpstreamError_AndEndsTheStream()
    {
        await using var stream = Over("event: chunk\ndata: {not json\n\nevent: done\ndata: {}\n\n");

        var events = await ReadAllAsync(stream);

        var error = Assert.IsType<BackendStreamEvent.Error>(Assert.Single(events));
        Assert.Equal(ErrorClass.UpstreamError, error.Failure.Class);
        Assert.Equal(("openai", "gpt-6-luna"), (error.Failure.Provider, error.Failure.Model));
    }

    [Fact]
    public async Task CutFinalEvent_IsNotDispatched_TheStreamEndsWithoutDone()
    {
        // The connection closed in the middle of the last event (no blank line after it): as the SSE spec says,
        // it is dropped, and the caller sees an end without "done" (StreamRelay treats that as interrupted).
        await using var stream = Over(
            "event: chunk\ndata: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\n\n" +
            "event: done\ndata: {}");

        var events = await ReadAllAsync(stream);

        Assert.IsType<BackendStreamEvent.Chunk>(Assert.Single(events));
    }

    [Fact]
    public async Task BodyBreaksOff_IsStreamInterrupted()
    {
        await using var stream = Over(new BreakingStream(
            "event: chunk\ndata: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\n\n"));

        var events = await ReadAllAsync(stream);

        Assert.IsType<BackendStreamEvent.Chunk>(events[0]);
        Assert.Equal(ErrorClass.StreamInterrupted, Assert.IsType<BackendStreamEvent.Error>(events[1]).Failure.Class);
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public async Task ReadersToken_EndsAPendingRead()
    {
        var body = new SilentStream();
        await using var stream = Over(body);
        using var cancel = new CancellationTokenSource();

        var read = stream.ReadAsync(cancel.Token).AsTask();
        Assert.False(read.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(body.Disposed, "the response (and with it the connection) was let go");
    }

    /// <summary>Sends nothing until disposed, then fails the pending read, as a socket stream does.</summary>
    private sealed class SilentStream : Stream
    {
        private readonly TaskCompletionSource<int> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Disposed => _closed.Task.IsCompleted;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            new(_closed.Task);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            _closed.Task;

        protected override void Dispose(bool disposing)
        {
            _closed.TrySetException(new ObjectDisposedException(nameof(SilentStream)));
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Serves its text, then fails the next read as a reset connection does.</summary>
    private sealed class BreakingStream(string text) : MemoryStream(Encoding.UTF8.GetBytes(text))
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw new IOException("connection reset by peer");
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
