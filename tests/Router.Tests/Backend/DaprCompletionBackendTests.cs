using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Failover;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dapr.AiProvider.Router.Tests.Backend;

/// <summary>The production backend over real HTTP against a server speaking the adapters protocol.</summary>
public sealed class DaprCompletionBackendTests : IAsyncLifetime
{
    private FakeAdaptersServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeAdaptersServer.StartAsync();
        _http = new HttpClient { BaseAddress = _server.InvokeBase };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private DaprCompletionBackend Backend() => new(_http, NullLogger<DaprCompletionBackend>.Instance);

    private static AdapterChatRequest Request(string model) => new()
    {
        RequestId = "r1", Provider = "p", Model = model, Request = new ChatCompletionRequest { Messages = [ChatMessage.FromText("user", "hi")] },
    };

    private static async Task<List<BackendStreamEvent>> ReadAllAsync(IBackendStream stream)
    {
        var events = new List<BackendStreamEvent>();
        while (await stream.ReadAsync(default) is { } next)
        {
            events.Add(next);
        }
        return events;
    }

    [Fact]
    public async Task GetCatalog_ReadsTheCatalogDocument()
    {
        var catalog = await Backend().GetCatalogAsync(default);

        Assert.Equal(4, catalog.Models.Count);
    }

    [Fact]
    public async Task Complete_Success_ReturnsResult()
    {
        var outcome = await Backend().CompleteAsync(Request("ok"), default);

        Assert.Equal("Hello from p/ok", Assert.IsType<AttemptOutcome<AdapterChatResult>.Succeeded>(outcome).Value.Completion.Choices[0].Message.Content);
    }

    [Fact]
    public async Task Complete_RedirectFromTheHop_IsNotFollowedButAnUpstreamError()
    {
        using var http = new HttpClient(BackendRegistration.SidecarHandler()) { BaseAddress = _server.InvokeBase };

        var outcome = await new DaprCompletionBackend(http, NullLogger<DaprCompletionBackend>.Instance).CompleteAsync(Request("redirect"), default);

        var error = Assert.IsType<AttemptOutcome<AdapterChatResult>.Failed>(outcome).Error;
        Assert.Equal(ErrorClass.UpstreamError, error.Class);
        Assert.Equal("provider-adapters answered HTTP 307.", error.Message);
    }

    [Fact]
    public async Task Complete_424_ReturnsClassifiedError()
    {
        var outcome = await Backend().CompleteAsync(Request("limited"), default);

        var error = Assert.IsType<AttemptOutcome<AdapterChatResult>.Failed>(outcome).Error;
        Assert.Equal(ErrorClass.RateLimited, error.Class);
        Assert.NotNull(error.RetryAt);
    }

    [Fact]
    public async Task CompleteAndStream_202NotSent_IsWindowLeaseEndedNotAnAnswer()
    {
        var outcome = await Backend().CompleteAsync(Request("not-sent"), default);
        var opened = await Backend().OpenStreamAsync(Request("not-sent"), default);

        Assert.Equal(ErrorClass.WindowLeaseEnded, Assert.IsType<AttemptOutcome<AdapterChatResult>.Failed>(outcome).Error.Class);
        Assert.Equal(ErrorClass.WindowLeaseEnded, Assert.IsType<AttemptOutcome<IBackendStream>.Failed>(opened).Error.Class);
    }

    [Fact]
    public async Task Complete_SidecarsOwnInvokeError_IsAHopFailure()
    {
        var outcome = await Backend().CompleteAsync(Request("sidecar-down"), default);

        Assert.Contains("connection refused", Assert.IsType<AttemptOutcome<AdapterChatResult>.Unreachable>(outcome).Reason);
    }

    [Theory]
    [InlineData("breaker-open", "failed to invoke, id: provider-adapters, err: circuit breaker is open")]
    [InlineData("breaker-half-open", "failed to invoke, id: provider-adapters, err: too many requests")]
    public async Task Complete_SidecarsBreakerOnTheHopOpen_IsAHopRefusalNotARetriableHopFailure(string model, string reason)
    {
        var outcome = await Backend().CompleteAsync(Request(model), default);

        Assert.Equal(reason, Assert.IsType<AttemptOutcome<AdapterChatResult>.HopBreakerOpen>(outcome).Reason);
    }

    [Fact]
    public async Task Complete_SidecarsPerAttemptTimeout_IsAProviderTimeout()
    {
        var outcome = await Backend().CompleteAsync(Request("sidecar-timeout"), default);

        Assert.Equal(ErrorClass.Timeout, Assert.IsType<AttemptOutcome<AdapterChatResult>.Failed>(outcome).Error.Class);
    }

    [Fact]
    public async Task Complete_500FromAdaptersApp_IsUpstreamError()
    {
        var outcome = await Backend().CompleteAsync(Request("boom"), default);

        var error = Assert.IsType<AttemptOutcome<AdapterChatResult>.Failed>(outcome).Error;
        Assert.Equal(ErrorClass.UpstreamError, error.Class);
        Assert.Equal("p", error.Provider);
    }

    [Fact]
    public async Task Complete_SidecarUnreachable_IsAHopFailureNotAProviderError()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{TestInfrastructure.FreePort.Next()}/") };

        var outcome = await new DaprCompletionBackend(http, NullLogger<DaprCompletionBackend>.Instance).CompleteAsync(Request("ok"), default);

        Assert.IsType<AttemptOutcome<AdapterChatResult>.Unreachable>(outcome);
    }

    /// <summary>
    /// Since daprd 1.17.2 an invocation request without a known length (chunked) is "streaming" and bypasses the
    /// resiliency retries and circuit breakers (dapr/dapr pull 9627, backported to 1.17 in 9633;
    /// /work/shared/reference/dapr-sidecar.md, "Forwarding"), so both calls must reach the sidecar with Content-Length.
    /// </summary>
    [Fact]
    public async Task CompleteAndOpenStream_SendTheBodyWithContentLength_NeverChunked()
    {
        await Backend().CompleteAsync(Request("ok"), default);
        var opened = await Backend().OpenStreamAsync(Request("stream-ok"), default);
        await using var stream = Assert.IsType<AttemptOutcome<IBackendStream>.Succeeded>(opened).Value;

        var posts = _server.Received.Where(r => r.Path.EndsWith("/" + AdapterRoutes.Chat, StringComparison.Ordinal)
                                                || r.Path.EndsWith("/" + AdapterRoutes.ChatStream, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, posts.Count);
        Assert.All(posts, r =>
        {
            Assert.True(r.ContentLength > 0, $"{r.Path} arrived without Content-Length");
            Assert.Equal("", r.TransferEncoding);
        });
    }

    [Fact]
    public async Task Stream_Healthy_ParsesEveryNamedEvent()
    {
        var opened = await Backend().OpenStreamAsync(Request("stream-ok"), default);
        await using var stream = Assert.IsType<AttemptOutcome<IBackendStream>.Succeeded>(opened).Value;

        var events = await ReadAllAsync(stream);

        Assert.Equal([typeof(BackendStreamEvent.Chunk), typeof(BackendStreamEvent.Chunk), typeof(BackendStreamEvent.Chunk), typeof(BackendStreamEvent.Usage),
            typeof(BackendStreamEvent.Done)], events.Select(e => e.GetType()));
        Assert.Equal("Hel", Assert.IsType<BackendStreamEvent.Chunk>(events[1]).Value.Choices[0].Delta.Content);
        Assert.Equal(9, Assert.IsType<BackendStreamEvent.Usage>(events[3]).Report.CostMicros);
    }

    [Fact]
    public async Task Stream_InBandError_IsAnErrorEvent()
    {
        var opened = await Backend().OpenStreamAsync(Request("stream-error"), default);
        await using var stream = Assert.IsType<AttemptOutcome<IBackendStream>.Succeeded>(opened).Value;

        var events = await ReadAllAsync(stream);

        Assert.Equal(ErrorClass.Overloaded, Assert.IsType<BackendStreamEvent.Error>(events[^1]).Failure.Class);
    }

    [Fact]
    public async Task Stream_Cut_EndsWithoutDone()
    {
        var opened = await Backend().OpenStreamAsync(Request("stream-cut"), default);
        await using var stream = Assert.IsType<AttemptOutcome<IBackendStream>.Succeeded>(opened).Value;

        var events = await ReadAllAsync(stream);

        Assert.IsType<BackendStreamEvent.Chunk>(events[^1]);
        Assert.DoesNotContain(events, e => e is BackendStreamEvent.Done);
    }

    [Fact]
    public async Task Stream_424BeforeStream_IsOpenFailure()
    {
        var opened = await Backend().OpenStreamAsync(Request("limited"), default);

        Assert.Equal(ErrorClass.RateLimited, Assert.IsType<AttemptOutcome<IBackendStream>.Failed>(opened).Error.Class);
    }
}
