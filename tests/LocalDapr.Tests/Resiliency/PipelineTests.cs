using System.Net;
using Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Dapr.AiProvider.LocalDapr.Tests.Resiliency;

public sealed class PipelineTests : IDisposable
{
    private readonly ResiliencyFiles _files = new();
    private readonly FakeTimeProvider _time = new();
    private int _calls;

    public void Dispose() => _files.Dispose();

    private ResiliencyProvider Provider(string spec) =>
        _files.With("r.yaml", ResiliencyFiles.Resiliency(spec)).Provider(_time);

    private const string AppSpec = """
          policies:
            timeouts:
              short: 2s
            retries:
              retry5:
                duration: 1s
                maxRetries: 5
              only503:
                duration: 0
                maxRetries: 5
                matching:
                  httpStatusCodes: "503"
              forever:
                duration: 0
            circuitBreakers:
              cb:
                timeout: 10s
                trip: consecutiveFailures >= 3
          targets:
            apps:
              retrying: { retry: retry5 }
              matching: { retry: only503 }
              slow: { timeout: short }
              breaking: { circuitBreaker: cb }
              both: { retry: forever, circuitBreaker: cb }
        """;

    private Func<CancellationToken, ValueTask<HttpResponseMessage>> Answers(params HttpStatusCode[] codes) => _ =>
    {
        var code = codes[Math.Min(_calls, codes.Length - 1)];
        _calls++;
        return ValueTask.FromResult(new HttpResponseMessage(code));
    };

    private async Task<T> Advancing<T>(Task<T> task)
    {
        while (!task.IsCompleted)
        {
            _time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(1);
        }

        return await task;
    }

    private Task<HttpResponseMessage> Run(ResiliencePipeline<HttpResponseMessage> pipeline, params HttpStatusCode[] codes) =>
        Advancing(pipeline.ExecuteAsync(Answers(codes), CancellationToken.None).AsTask());

    [Fact]
    public async Task App_500ThenSuccess_RetriesUntilSuccess()
    {
        var pipeline = Provider(AppSpec).App("retrying", "m");

        using var response = await Run(pipeline, HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, _calls);
    }

    [Fact]
    public async Task App_AlwaysFailing_ReturnsLastResponseAfterMaxRetries()
    {
        var pipeline = Provider(AppSpec).App("retrying", "m");

        using var response = await Run(pipeline, HttpStatusCode.BadGateway);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(6, _calls);
    }

    [Fact]
    public async Task App_CodeNotInMatching_IsNotRetried()
    {
        var pipeline = Provider(AppSpec).App("matching", "m");

        using var first = await Run(pipeline, HttpStatusCode.InternalServerError);
        Assert.Equal(1, _calls);

        _calls = 0;
        using var second = await Run(pipeline, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        Assert.Equal(2, _calls);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task App_NotReplayableBody_IsNeverResent()
    {
        var pipeline = Provider(AppSpec).App("retrying", "m");
        var context = ResiliencyContext.Get(replayable: false, CancellationToken.None);
        try
        {
            using var response = await pipeline.ExecuteAsync(c => Answers(HttpStatusCode.InternalServerError)(c.CancellationToken), context);
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal(1, _calls);
        }
        finally
        {
            ResiliencyContext.Return(context);
        }
    }

    [Fact]
    public async Task App_SlowCallee_TimesOutPerAttempt()
    {
        var pipeline = Provider(AppSpec).App("slow", "m");

        var task = pipeline.ExecuteAsync(async ct =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, ct);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }, CancellationToken.None).AsTask();

        var error = await Assert.ThrowsAsync<TimeoutRejectedException>(() => Advancing(task));
        Assert.Equal("context deadline exceeded", ResiliencyErrors.DaprMessage(error));
    }

    [Fact]
    public async Task App_BreakerTrips_RejectsWithoutCallingAndPerMethod()
    {
        var provider = Provider(AppSpec);
        for (var i = 0; i < 3; i++)
        {
            using var failed = await Run(provider.App("breaking", "chat/openai"), HttpStatusCode.InternalServerError);
        }

        var error = await Assert.ThrowsAsync<BrokenCircuitException>(() => Run(provider.App("breaking", "chat/openai"), HttpStatusCode.OK));

        Assert.Equal(3, _calls);
        Assert.True(ResiliencyErrors.IsCircuitBreakerError(error));
        Assert.Equal("failed to invoke, id: breaking, err: circuit breaker is open", ResiliencyErrors.InvokeMessage("breaking", error));
        using var other = await Run(provider.App("breaking", "chat/anthropic"), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task App_BreakerOpens_LogsItUnderPolicyAppAndMethod()
    {
        var log = new LogLines();
        var provider = new ResiliencyProvider(_files.With("r.yaml", ResiliencyFiles.Resiliency(AppSpec)).Load(), _time, _ => null, log);
        for (var i = 0; i < 3; i++)
        {
            using var failed = await Run(provider.App("breaking", "chat/openai"), HttpStatusCode.InternalServerError);
        }

        Assert.Equal(["Circuit breaker \"cb-breaking:chat/openai\" changed state from Closed to Open"], log.Lines);
    }

    [Fact]
    public async Task App_OpenBreakerAfterTimeout_HalfOpensAndClosesOnSuccess()
    {
        var provider = Provider(AppSpec);
        for (var i = 0; i < 3; i++)
        {
            using var failed = await Run(provider.App("breaking", "m"), HttpStatusCode.InternalServerError);
        }

        _time.Advance(TimeSpan.FromSeconds(10));
        using var probe = await Run(provider.App("breaking", "m"), HttpStatusCode.OK);
        using var next = await Run(provider.App("breaking", "m"), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(5, _calls);
    }

    [Fact]
    public async Task App_RetryForeverWithBreaker_StopsWhenBreakerOpens()
    {
        var pipeline = Provider(AppSpec).App("both", "m");

        await Assert.ThrowsAsync<BrokenCircuitException>(() => Run(pipeline, HttpStatusCode.InternalServerError));

        Assert.Equal(3, _calls);
    }

    [Fact]
    public async Task App_NoPolicies_BuiltInRetriesTransportErrorsOnly()
    {
        var pipeline = _files.Provider(_time).App("anyone", "m");

        var transport = await Advancing(pipeline.ExecuteAsync(_ =>
            ++_calls < 3 ? throw new HttpRequestException("connection refused") : ValueTask.FromResult(new HttpResponseMessage(HttpStatusCode.OK)),
            CancellationToken.None).AsTask());
        Assert.Equal(3, _calls);

        _calls = 0;
        using var appError = await Run(pipeline, HttpStatusCode.InternalServerError);
        Assert.Equal(1, _calls);
        transport.Dispose();
    }

    private sealed class LogLines : Microsoft.Extensions.Logging.ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state,
            Exception? exception, Func<TState, Exception?, string> formatter) => Lines.Add(formatter(state, exception));
    }
}
