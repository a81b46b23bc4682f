using System.Net;
using System.Net.Sockets;
using Dapr.AiProvider.ProviderAdapters.Upstream;
using Microsoft.Extensions.Time.Testing;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Adapters;

/// <summary>The adapters' only retry: connect failures before any byte was sent, nothing else.</summary>
public sealed class TransportRetryHandlerTests
{
    [Fact]
    public async Task Send_ConnectRefusedOnce_RetriesAndSucceeds()
    {
        var inner = new ScriptedHandler(new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused)));
        using var client = new HttpClient(new TransportRetryHandler(1, TimeProvider.System) { InnerHandler = inner });
        using var response = await client.PostAsync("http://upstream.test/x", new ByteArrayContent([1, 2, 3]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public Task Send_ConnectRefusedEveryTime_RetriesTwiceAfterBackoffThenFails() =>
        // Off the test's synchronisation context, so a retry runs inline when the fake clock fires its backoff.
        Task.Run(async () =>
        {
            var refused = new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused));
            var inner = new ScriptedHandler(refused, failEveryTime: true);
            var time = new FakeTimeProvider();
            using var client = new HttpClient(new TransportRetryHandler(2, time) { InnerHandler = inner });
            var send = client.PostAsync("http://upstream.test/x", new ByteArrayContent([1]));
            Assert.Equal(1, inner.Calls);
            // Each retry waits its backoff (the first 50-150 ms, the second 100-300 ms) before it sends again.
            time.Advance(TimeSpan.FromMilliseconds(49));
            Assert.Equal(1, inner.Calls);
            time.Advance(TimeSpan.FromMilliseconds(101));
            Assert.Equal(2, inner.Calls);
            time.Advance(TimeSpan.FromMilliseconds(300));
            Assert.Equal(3, inner.Calls);
            var failure = await Assert.ThrowsAsync<HttpRequestException>(() => send);
            Assert.Same(refused, failure);
        });

    [Fact]
    public async Task Send_ConnectionDroppedAfterSending_IsNotRetried()
    {
        var inner = new ScriptedHandler(new HttpRequestException(HttpRequestError.ResponseEnded, "ended"));
        using var client = new HttpClient(new TransportRetryHandler(1, TimeProvider.System) { InnerHandler = inner });
        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync("http://upstream.test/x", new ByteArrayContent([1])));
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task Send_ProviderAnswers503_IsNotRetried()
    {
        var inner = new ScriptedHandler(null, HttpStatusCode.ServiceUnavailable);
        using var client = new HttpClient(new TransportRetryHandler(1, TimeProvider.System) { InnerHandler = inner });
        using var response = await client.PostAsync("http://upstream.test/x", new ByteArrayContent([1]));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, inner.Calls);
    }

    private sealed class ScriptedHandler(Exception? first, HttpStatusCode status = HttpStatusCode.OK, bool failEveryTime = false) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            if (first is not null && (Calls == 1 || failEveryTime || first is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded }))
            {
                throw first;
            }
            return Task.FromResult(new HttpResponseMessage(status));
        }
    }
}
