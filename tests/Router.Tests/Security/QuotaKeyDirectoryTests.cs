using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Configuration;
using System.Net;
using System.Text;
using Dapr.AiProvider.Router.Auth;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dapr.AiProvider.Router.Tests.Security;

public class QuotaKeyDirectoryTests
{
    private sealed class Handler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public string? LastBody { get; private set; }
        public string? LastPath { get; private set; }
        /// <summary>The length announced before sending (null = chunked on the wire).</summary>
        public long? LastContentLength { get; private set; }
        public bool? LastChunked { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastPath = request.RequestUri!.AbsolutePath;
            LastContentLength = request.Content?.Headers.ContentLength;
            LastChunked = request.Headers.TransferEncodingChunked;
            LastBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            return answer(request);
        }
    }

    private static QuotaKeyDirectory Directory(Handler handler) =>
        new(new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1:3500/v1.0/invoke/quota/method/") }, NullLogger<QuotaKeyDirectory>.Instance);

    [Fact]
    public async Task Verify_200_IsRecord_ThroughTheSidecarInvokePath()
    {
        var handler = new Handler(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("""{"id":"key_1","role":"user","team":"t","allowedModels":["openai"],"requestsPerMinute":10,"revoked":false,"prefix":"aip_x"}""", Encoding.UTF8, "application/json"),
        });

        var lookup = await Directory(handler).VerifyAsync("aip_abcdefgh_secret", default);

        Assert.Equal("/v1.0/invoke/quota/method/quota/keys/verify", handler.LastPath);
        // A chunked invocation bypasses daprd's resiliency since 1.17.2 (dapr/dapr pull 9627): the body goes with Content-Length.
        Assert.Equal(Encoding.UTF8.GetByteCount(handler.LastBody!), handler.LastContentLength);
        Assert.NotEqual(true, handler.LastChunked);
        Assert.Contains("aip_abcdefgh_secret", handler.LastBody, StringComparison.Ordinal);
        Assert.Equal("key_1", lookup.Record?.Id);
        Assert.Equal(10, lookup.Record?.RequestsPerMinute);
        Assert.False(lookup.Unavailable);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    public async Task Verify_NonSuccess_IsNotFoundOrDown(HttpStatusCode status, bool down)
    {
        var lookup = await Directory(new Handler(_ => new HttpResponseMessage(status))).VerifyAsync("aip_abcdefgh_secret", default);

        Assert.Null(lookup.Record);
        Assert.Equal(down, lookup.Unavailable);
    }

    [Fact]
    public async Task Verify_TransportError_IsDown()
    {
        var lookup = await Directory(new Handler(_ => throw new HttpRequestException("refused"))).VerifyAsync("aip_abcdefgh_secret", default);

        Assert.True(lookup.Unavailable);
    }
}
