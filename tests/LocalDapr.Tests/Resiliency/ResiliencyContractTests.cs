using System.Net;
using System.Text.Json;

namespace Dapr.AiProvider.LocalDapr.Tests.Resiliency;

/// <summary>Resiliency on service invocation through two real sidecars (caller → callee → app).</summary>
[Trait("Category", "Process")]
public sealed class ResiliencyContractTests(ResiliencyContractFixture fixture) : IClassFixture<ResiliencyContractFixture>
{
    private Task<HttpResponseMessage> InvokeAsync(string method) =>
        fixture.Caller.PostAsync($"v1.0/invoke/callee/method/{method}", new StringContent("{}"));

    private static async Task AssertDaprErrorAsync(HttpResponseMessage response, string error)
    {
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ERR_DIRECT_INVOKE", body.RootElement.GetProperty("errorCode").GetString());
        Assert.Equal($"failed to invoke, id: callee, err: {error}", body.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Invoke_CalleeFailsTwiceWith500_RetriedUntilSuccess()
    {
        fixture.Script["flaky"] = call => call <= 2 ? 500 : 200;

        using var response = await InvokeAsync("flaky");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("flaky#3", await response.Content.ReadAsStringAsync());
        Assert.Equal(3, fixture.CallsTo("flaky"));
    }

    [Fact]
    public async Task Invoke_StatusNotInMatching_ReturnedVerbatimWithoutRetry()
    {
        fixture.Script["teapot"] = _ => 418;

        using var response = await InvokeAsync("teapot");

        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal("teapot#1", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, fixture.CallsTo("teapot"));
    }

    [Fact]
    public async Task Invoke_FirstAttemptTooSlow_TimesOutAndRetries()
    {
        using var response = await InvokeAsync("slow-once");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("slow-once#2", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Invoke_EveryAttemptTooSlow_AnswersContextDeadlineExceeded()
    {
        using var response = await InvokeAsync("slow-always");

        await AssertDaprErrorAsync(response, "context deadline exceeded");
    }

    /// <summary>
    /// daprd's answer while a target's breaker is open, which the router recognises to stop retrying the hop: gobreaker's
    /// <c>ErrOpenState</c> ("circuit breaker is open", dapr/dapr pkg/resiliency/breaker/circuitbreaker.go) is permanent,
    /// never retried (pkg/resiliency/policy.go, <c>breaker.IsErrorPermanent</c>), and reaches the default branch of
    /// <c>onDirectMessage</c> (pkg/api/http/directmessaging.go): 500 <c>ERR_DIRECT_INVOKE</c> (pkg/messages/predefined.go)
    /// "failed to invoke, id: callee, err: circuit breaker is open", without calling the app — as daprd's own test
    /// "Test invoke direct messages can trip circuit breaker" (pkg/api/http/directmessaging_test.go) pins.
    /// </summary>
    [Fact]
    public async Task Invoke_BreakerTrips_OpenErrorThenHalfOpenAfterTimeout()
    {
        fixture.Script["breaking"] = call => call <= 4 ? 503 : 200;

        using var exhausted = await InvokeAsync("breaking");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, exhausted.StatusCode);
        Assert.Equal(4, fixture.CallsTo("breaking"));

        using var open = await InvokeAsync("breaking");
        await AssertDaprErrorAsync(open, "circuit breaker is open");
        Assert.Equal(4, fixture.CallsTo("breaking"));

        using var otherMethod = await InvokeAsync("unrelated");
        Assert.Equal(HttpStatusCode.OK, otherMethod.StatusCode);

        await Task.Delay(TimeSpan.FromSeconds(2.2));
        using var probe = await InvokeAsync("breaking");
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        Assert.Equal("breaking#5", await probe.Content.ReadAsStringAsync());
    }
}
