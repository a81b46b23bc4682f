using System.Net;
using System.Text;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Usage;
using Dapr.AiProvider.Router.Api;
using Dapr.AiProvider.Router.Tests.Api;

namespace Dapr.AiProvider.Router.Tests.Usage;

/// <summary>
/// Issue 19 item 7 (router side): a refused request's usage event says what happened — the status the caller saw,
/// the gateway's error code, the error class, and the provider and model of the last attempt.
/// </summary>
public sealed class UsageRecordTests
{
    private static async Task<(HttpResponseMessage Response, UsageRecorded Usage)> PostAsync(RouterFactory factory, string json)
    {
        using var client = factory.Authed();
        var response = await client.PostAsync("/v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));
        var requestId = response.Headers.GetValues(DecisionHeaders.RequestId).Single();
        return (response, await factory.Usage.WaitForAsync(requestId, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Refused_EveryCandidateFailed_EventCarriesClassCodeAndLastAttempt()
    {
        using var factory = new RouterFactory();
        // The alias is served by two providers; both fail with classes that move on to the next candidate.
        var classes = new Dictionary<string, ErrorClass>
        {
            ["github/gpt-4o-mini"] = ErrorClass.KeyInvalid,
            ["openai/gpt-4o-mini"] = ErrorClass.Billing,
        };
        foreach (var (model, errorClass) in classes)
        {
            factory.Backend.Fail(model, errorClass);
        }

        var (response, usage) = await PostAsync(factory, """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var last = factory.Backend.Calls.Last();
        Assert.Equal(2, factory.Backend.Calls.Count);
        Assert.Equal(503, usage.Status);
        Assert.Equal("providers_unavailable", usage.ErrorCode);
        Assert.Equal(last.Provider, usage.Provider);
        Assert.Equal(last.Model, usage.Model);
        Assert.Equal(classes[$"{last.Provider}/{last.Model}"], usage.ErrorClass);
        Assert.Equal(2, usage.Attempts);
        Assert.Equal(0, usage.CostMicros);
    }

    [Fact]
    public async Task Refused_ProviderSaysInvalid_EventNamesThatProviderAndModel()
    {
        using var factory = new RouterFactory();
        factory.Backend.Fail("openai/gpt-4o", ErrorClass.InvalidRequest);

        var (response, usage) = await PostAsync(factory, """{"model":"openai/gpt-4o","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, usage.Status);
        Assert.Equal(ErrorClass.InvalidRequest, usage.ErrorClass);
        Assert.Equal("invalid_request_error", usage.ErrorCode);
        Assert.Equal("openai", usage.Provider);
        Assert.Equal("gpt-4o", usage.Model);
    }

    [Fact]
    public async Task Refused_UnknownModel_Is404WithModelNotFoundClassAndNoProvider()
    {
        using var factory = new RouterFactory();

        var (response, usage) = await PostAsync(factory, """{"model":"acme/none","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, usage.Status);
        Assert.Equal(ErrorClass.ModelNotFound, usage.ErrorClass);
        Assert.Equal("model_not_found", usage.ErrorCode);
        Assert.Null(usage.Provider);
        Assert.Null(usage.Model);
        Assert.Equal(0, usage.Attempts);
        Assert.Empty(factory.Backend.Calls);
    }

    [Fact]
    public async Task Refused_BudgetExhausted_EventHasCodeButNoProviderClass()
    {
        using var factory = new RouterFactory();
        factory.Leases.CostLeft["key:bootstrap"] = 0;

        var (response, usage) = await PostAsync(factory, """{"model":"openai/gpt-4o","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal(429, usage.Status);
        Assert.Equal("budget_exceeded", usage.ErrorCode);
        Assert.Null(usage.ErrorClass); // no provider failure means the same; the code and the status say it
        Assert.Empty(factory.Backend.Calls);
    }

    [Fact]
    public async Task Served_Success_EventHasNeitherClassNorCode()
    {
        using var factory = new RouterFactory();

        var (response, usage) = await PostAsync(factory, """{"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(200, usage.Status);
        Assert.Null(usage.ErrorClass);
        Assert.Null(usage.ErrorCode);
    }
}
