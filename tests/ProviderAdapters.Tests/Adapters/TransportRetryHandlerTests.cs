using System.Net;
using System.Net.Sockets;
using Dapr.AiProvider.ProviderAdapters.Upstream;

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

    private sealed class ScriptedHandler(Exception? first, HttpStatusCode status = HttpStatusCode.OK) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            if (first is not null && (Calls == 1 || first is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded }))
            {
                throw first;
            }
            return Task.FromResult(new HttpResponseMessage(status));
        }
    }
}
