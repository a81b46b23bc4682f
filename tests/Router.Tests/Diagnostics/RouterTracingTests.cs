using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Dapr.AiProvider.Router.Api;
using Dapr.AiProvider.Router.Diagnostics;
using Dapr.AiProvider.Router.Tests.Api;

namespace Dapr.AiProvider.Router.Tests.Diagnostics;

/// <summary>
/// The router's own spans (route, cache lookup, budget check, attempt) join the caller's trace: each request sends
/// a W3C <c>traceparent</c> with a fresh trace id, and only the spans of that trace are looked at (the listener is
/// process-wide and other tests run in parallel).
/// </summary>
public sealed class RouterTracingTests : IDisposable
{
    private const string ChatRequest = """{"messages":[{"role":"user","content":"hi"}]}""";
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public RouterTracingTests()
    {
        _listener = new ActivityListener
        {
            // ASP.NET Core's request span carries the caller's trace id; the router's spans are its children.
            ShouldListenTo = source => source.Name is RouterTracing.SourceName or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Chat_ClientTraceparent_RouteBudgetAndAttemptSpansInTheCallersTrace()
    {
        using var factory = new RouterFactory();

        var (response, trace) = await PostAsync(factory, ChatRequest);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var route = Single(trace, "route");
        Assert.Equal("chat", route.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("", route.GetTagItem("gen_ai.request.model"));
        Assert.Equal("chat", route.GetTagItem("aiprovider.task_type"));
        Assert.Equal("github/gpt-4o-mini", route.GetTagItem("aiprovider.route.chosen"));
        Assert.Equal(4, route.GetTagItem("aiprovider.route.candidate_count"));
        Assert.Equal("github/gpt-4o-mini", ((string[])route.GetTagItem("aiprovider.route.candidates")!)[0]);
        Assert.Equal(ActivityStatusCode.Unset, route.Status);
        var budget = Single(trace, "budget check");
        Assert.Equal(["key:bootstrap", "global"], (string[])budget.GetTagItem("aiprovider.budget.scopes")!);
        Assert.Equal("granted", budget.GetTagItem("aiprovider.budget.outcome"));
        var attempt = Single(trace, "chat gpt-4o-mini");
        Assert.Equal("github", attempt.GetTagItem("gen_ai.provider.name"));
        Assert.Equal(1, attempt.GetTagItem("aiprovider.attempt"));
        Assert.DoesNotContain(trace, a => a.OperationName == "cache lookup"); // not deterministic (no temperature 0): not cacheable
        Assert.All(trace.Where(a => a.Source.Name == RouterTracing.SourceName),
            span => Assert.Equal(route.ParentSpanId, span.ParentSpanId)); // siblings under the request span
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("""{"model":"acme/none","messages":[{"role":"user","content":"hi"}]}""")] // refused: its row links to its trace too
    public async Task Chat_ClientTraceparent_UsageEventCarriesTheRequestSpansTraceparent(string json)
    {
        using var factory = new RouterFactory();

        var (response, trace) = await PostAsync(factory, json);
        var usage = await factory.Usage.WaitForAsync(response.Headers.GetValues(DecisionHeaders.RequestId).Single(), TimeSpan.FromSeconds(5));

        // Issue 16: the request span (ASP.NET Core's, the route span's parent) in W3C form, sampled.
        var route = Single(trace, "route");
        Assert.Equal($"00-{route.TraceId}-{route.ParentSpanId}-01", usage.Traceparent);
    }

    [Fact]
    public async Task Chat_DeterministicRequestTwice_CacheLookupMissThenHit()
    {
        using var factory = new RouterFactory();
        const string deterministic = """{"messages":[{"role":"user","content":"trace me"}],"temperature":0}""";

        var (first, firstTrace) = await PostAsync(factory, deterministic);
        var (second, secondTrace) = await PostAsync(factory, deterministic);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("miss", Single(firstTrace, "cache lookup").GetTagItem("aiprovider.cache.result"));
        Assert.Equal("hit", Single(secondTrace, "cache lookup").GetTagItem("aiprovider.cache.result"));
        Assert.DoesNotContain(secondTrace, a => a.OperationName is "budget check" or "chat gpt-4o-mini"); // a hit asks no budget and no provider
    }

    [Fact]
    public async Task Chat_BudgetExhausted_BudgetCheckSpanSaysExhaustedWithErrorStatus()
    {
        using var factory = new RouterFactory();
        factory.Leases.CostLeft["key:bootstrap"] = 0;

        var (response, trace) = await PostAsync(factory, """{"model":"openai/gpt-4o","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        var budget = Single(trace, "budget check");
        Assert.Equal("exhausted", budget.GetTagItem("aiprovider.budget.outcome"));
        Assert.Equal(ActivityStatusCode.Error, budget.Status);
        Assert.DoesNotContain(trace, a => a.OperationName.StartsWith("chat ", StringComparison.Ordinal)); // no provider asked
    }

    [Fact]
    public async Task Chat_UnknownModel_RouteSpanRefusedWithoutCandidates()
    {
        using var factory = new RouterFactory();

        var (response, trace) = await PostAsync(factory, """{"model":"acme/none","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var route = Single(trace, "route");
        Assert.Equal("acme/none", route.GetTagItem("gen_ai.request.model"));
        Assert.Equal(0, route.GetTagItem("aiprovider.route.candidate_count"));
        Assert.Null(route.GetTagItem("aiprovider.route.chosen"));
        Assert.Equal("refused", route.GetTagItem("aiprovider.route.reason"));
        Assert.Equal(ActivityStatusCode.Error, route.Status);
        Assert.DoesNotContain(trace, a => a.OperationName == "budget check");
    }

    /// <summary>Sends the request under a new trace; returns the response and the router's spans of that trace.</summary>
    private async Task<(HttpResponseMessage Response, IReadOnlyList<Activity> Trace)> PostAsync(RouterFactory factory, string json)
    {
        var traceId = ActivityTraceId.CreateRandom();
        using var client = factory.Authed();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        // The router's spans end before the answer is written; nothing to wait for.
        return (response, _stopped.Where(a => a.TraceId == traceId && a.Source.Name == RouterTracing.SourceName).ToList());
    }

    private static Activity Single(IReadOnlyList<Activity> trace, string name) => Assert.Single(trace, a => a.OperationName == name);
}
