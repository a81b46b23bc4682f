using System.Net;
using System.Text;
using System.Text.Json;

namespace Dapr.AiProvider.LocalDapr.Tests.Resiliency;

/// <summary>
/// A chunked invocation (no Content-Length) is a streaming request to daprd ≥ 1.17.2 / 1.18: it is sent once,
/// never retried (neither transport errors nor matching statuses), but its failures still count toward the
/// circuit breaker and an open breaker still refuses it. dapr/dapr pkg/api/http/directmessaging.go
/// (onDirectMessage: <c>r.ContentLength &lt; 0</c> → <c>SetStreamingRequest</c>; non-2xx of a streaming request →
/// <c>backoff.Permanent(resiliency.NewCodeError(...))</c> "so circuit breakers count the failure"), dapr/dapr#9627.
/// So a caller that wants the retry net must send a Content-Length (the router does, issue 15 item 6).
/// </summary>
public sealed class ChunkedInvocationTests(ResiliencyContractFixture fixture) : IClassFixture<ResiliencyContractFixture>
{
    [Fact]
    public async Task Invoke_ChunkedBody_CalleeFails_AnsweredOnceWithoutRetry()
    {
        fixture.Script["chunked-flaky"] = call => call <= 2 ? 500 : 200;

        using var response = await fixture.Caller.PostAsync("v1.0/invoke/callee/method/chunked-flaky", new ChunkedContent("{}"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("chunked-flaky#1", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, fixture.CallsTo("chunked-flaky"));
    }

    [Fact]
    public async Task Invoke_SameCallWithContentLength_IsRetried()
    {
        fixture.Script["sized-flaky"] = call => call <= 2 ? 500 : 200;

        using var response = await fixture.Caller.PostAsync("v1.0/invoke/callee/method/sized-flaky", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, fixture.CallsTo("sized-flaky"));
    }

    [Fact]
    public async Task Invoke_ChunkedFailures_CountTowardTheBreaker_ThenOpenRefuses()
    {
        fixture.Script["chunked-breaking"] = _ => 503;

        for (var i = 1; i <= 4; i++)
        {
            using var failed = await fixture.Caller.PostAsync("v1.0/invoke/callee/method/chunked-breaking", new ChunkedContent("{}"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
            Assert.Equal(i, fixture.CallsTo("chunked-breaking"));
        }
        using var open = await fixture.Caller.PostAsync("v1.0/invoke/callee/method/chunked-breaking", new ChunkedContent("{}"));

        Assert.Equal(HttpStatusCode.InternalServerError, open.StatusCode);
        using var body = JsonDocument.Parse(await open.Content.ReadAsStringAsync());
        Assert.Equal("failed to invoke, id: callee, err: circuit breaker is open", body.RootElement.GetProperty("message").GetString());
        Assert.Equal(4, fixture.CallsTo("chunked-breaking"));
    }

    /// <summary>Content without a length, so HttpClient sends it with Transfer-Encoding: chunked.</summary>
    private sealed class ChunkedContent(string text) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            stream.WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
