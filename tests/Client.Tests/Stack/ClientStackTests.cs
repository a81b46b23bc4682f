using System.ClientModel;
using Dapr.AiProvider.EndToEnd.Tests;
using Microsoft.Extensions.AI;

namespace Dapr.AiProvider.Client.Tests.Stack;

/// <summary>
/// The client against the running gateway (the EndToEnd stack: real router, adapters, quota, sidecars and
/// simulator), over plain HTTP and over Dapr service invocation through the "agent" app's own sidecar.
/// Exact values come from the price table (openai/gpt-4o-mini: $0.15 / $0.60 per 1M input / output tokens,
/// services/provider-adapters/prices.json) and the ledger row the quota service wrote for the request id.
/// </summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", "Process")]
public sealed class ClientStackTests(GatewayStack stack)
{
    private const string PaidModel = "openai/gpt-4o-mini";
    private const int UnknownModelStatus = 404;

    public static TheoryData<string> Transports => ["http", "dapr"];

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task GetResponseAsync_PaidModel_DecisionNamesProviderModelAndExactCost(string transport)
    {
        using var client = Create(transport);

        var response = await client.GetResponseAsync("Say hello to the client " + Guid.NewGuid(), Uncached(PaidModel));

        Assert.False(string.IsNullOrWhiteSpace(response.Text));
        var decision = response.GetGatewayDecision();
        Assert.NotNull(decision);
        Assert.Equal("openai", decision.Provider);
        Assert.Equal("gpt-4o-mini", decision.Model);
        Assert.Equal(GatewayCacheStatus.Bypass, decision.Cache);
        Assert.Equal(1, decision.Attempts);
        Assert.Empty(decision.Fallbacks);
        Assert.False(decision.CostEstimated);
        Assert.NotNull(decision.RouteReason);
        var expectedMicros = GptMiniCostMicros(response.Usage);
        Assert.True(expectedMicros > 0);
        Assert.Equal(expectedMicros / 1_000_000m, decision.CostUsd);
        var ledger = await LedgerEntry.ReadAsync(stack, decision.RequestId);
        Assert.Equal(new LedgerEntry("openai", "gpt-4o-mini", expectedMicros, CacheHit: false), ledger);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task GetStreamingResponseAsync_PaidModel_EveryUpdateCarriesTheDecision(string transport)
    {
        using var client = Create(transport);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("Stream a haiku for the client " + Guid.NewGuid(), Uncached(PaidModel)))
        {
            updates.Add(update);
        }

        Assert.NotEmpty(updates);
        var decision = updates[0].GetGatewayDecision();
        Assert.NotNull(decision);
        Assert.All(updates, u => Assert.Same(decision, u.GetGatewayDecision()));
        Assert.Equal("openai", decision.Provider);
        Assert.Equal("gpt-4o-mini", decision.Model);
        Assert.Equal(GatewayCacheStatus.Bypass, decision.Cache);
        Assert.Equal(1, decision.Attempts);
        // A stream's headers leave before its usage is known: the header cost is flagged as an estimate,
        // and the ledger holds the exact cost of the streamed usage.
        Assert.True(decision.CostEstimated);
        var response = updates.ToChatResponse();
        Assert.False(string.IsNullOrWhiteSpace(response.Text));
        Assert.Same(decision, response.GetGatewayDecision());
        var ledger = await LedgerEntry.ReadAsync(stack, decision.RequestId);
        Assert.Equal(new LedgerEntry("openai", "gpt-4o-mini", GptMiniCostMicros(response.Usage), CacheHit: false), ledger);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task GetResponseAsync_SameDeterministicRequestTwice_SecondIsACacheHitThatCostsNothing(string transport)
    {
        using var client = Create(transport);
        var prompt = "Cache me through the client " + Guid.NewGuid();
        var options = new ChatOptions { ModelId = PaidModel, Temperature = 0 };

        var first = await client.GetResponseAsync(prompt, options);
        var second = await client.GetResponseAsync(prompt, options);

        var miss = first.GetGatewayDecision()!;
        var hit = second.GetGatewayDecision()!;
        Assert.Equal(GatewayCacheStatus.Miss, miss.Cache);
        Assert.Equal(GatewayCacheStatus.Hit, hit.Cache);
        Assert.Equal("openai", hit.Provider);
        Assert.Equal("gpt-4o-mini", hit.Model);
        Assert.Equal(0m, hit.CostUsd);
        Assert.Equal(GptMiniCostMicros(first.Usage) / 1_000_000m, miss.CostUsd);
        Assert.NotEqual(miss.RequestId, hit.RequestId);
        Assert.Equal(first.Text, second.Text);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task GetResponseAsync_FreeRoute_AnsweredByAFreeTierAtZeroCost(string transport)
    {
        using var client = Create(transport);

        var response = await client.GetResponseAsync("Free answer " + Guid.NewGuid(), Uncached("free"));

        var decision = response.GetGatewayDecision()!;
        Assert.NotNull(decision.Provider);
        Assert.NotEqual("openai", decision.Provider);
        Assert.NotEqual("anthropic", decision.Provider);
        Assert.Equal(0m, decision.CostUsd);
        var ledger = await LedgerEntry.ReadAsync(stack, decision.RequestId);
        Assert.Equal(new LedgerEntry(decision.Provider, decision.Model, 0, CacheHit: false), ledger);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task GetResponseAsync_WithFunctionInvocation_ToolIsCalledAndTheFinalAnswerCarriesTheDecision(string transport)
    {
        var calls = new List<string>();
        var weather = AIFunctionFactory.Create((string city) => { calls.Add(city); return $"Sunny in {city}"; }, "get_weather", "The weather in a city");
        using var client = new ChatClientBuilder(Create(transport)).UseFunctionInvocation().Build();
        var options = Uncached(PaidModel);
        options.Tools = [weather];

        // The simulator calls a tool the prompt names, and answers in text once it has the tool's result.
        var response = await client.GetResponseAsync("Use get_weather for Lisbon " + Guid.NewGuid(), options);

        Assert.Single(calls);
        Assert.Contains(response.Messages, m => m.Contents.OfType<FunctionCallContent>().Any(c => c.Name == "get_weather"));
        Assert.StartsWith("Simulated answer from openai/gpt-4o-mini", response.Text, StringComparison.Ordinal);
        var decision = response.GetGatewayDecision();
        Assert.NotNull(decision);
        Assert.Equal("openai", decision.Provider);
        Assert.Equal("gpt-4o-mini", decision.Model);
        Assert.True(decision.CostUsd > 0m);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task GetResponseAsync_WrongKey_ClientResultException401(string transport)
    {
        using var client = Create(transport, apiKey: "aip_not_a_key_" + Guid.NewGuid().ToString("N"));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync("Hello?", Uncached(PaidModel)));

        Assert.Equal(401, error.Status);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task GetResponseAsync_UnknownModel_ClientResultExceptionCarriesTheDecision(string transport)
    {
        using var client = Create(transport);

        var error = await Assert.ThrowsAsync<ClientResultException>(
            () => client.GetResponseAsync("Hello?", Uncached("nosuchprovider/nosuchmodel")));

        Assert.Equal(UnknownModelStatus, error.Status);
        var decision = error.GetGatewayDecision();
        Assert.NotNull(decision);
        Assert.StartsWith("req_", decision.RequestId, StringComparison.Ordinal);
        Assert.Null(decision.Provider);
        Assert.Equal(0, decision.Attempts);
        Assert.Equal(0m, decision.CostUsd);
    }

    private IChatClient Create(string transport, string apiKey = GatewayStack.BootstrapKey) => transport switch
    {
        "http" => AiProviderChatClient.Create(new AiProviderChatClientOptions { Endpoint = stack.RouterUrl, ApiKey = apiKey }),
        // The agent's own sidecar, found by its address as DAPR_HTTP_PORT would give it; the router by app id.
        "dapr" => AiProviderChatClient.Create(new AiProviderChatClientOptions
        {
            DaprHttpEndpoint = stack.AgentSidecarUrl.ToString().TrimEnd('/'), RouterAppId = "router", ApiKey = apiKey,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, null),
    };

    /// <summary>Not deterministic (temperature above 0), so the cache is bypassed and a provider answers.</summary>
    private static ChatOptions Uncached(string model) => new() { ModelId = model, Temperature = 0.7f, MaxOutputTokens = 64 };

    /// <summary>
    /// openai/gpt-4o-mini at $0.15 (input), $0.075 (cached input) and $0.60 (output) per 1M tokens, summed exactly
    /// and rounded up once to a whole micro-dollar (services/provider-adapters/Pricing/CostCalculator.cs).
    /// </summary>
    private static long GptMiniCostMicros(UsageDetails? usage)
    {
        Assert.NotNull(usage);
        var input = usage.InputTokenCount ?? 0;
        var cached = usage.CachedInputTokenCount ?? 0;
        var output = usage.OutputTokenCount ?? 0;
        var scaled = (input - cached) * 150_000 + cached * 75_000 + output * 600_000;
        return (scaled + 999_999) / 1_000_000;
    }
}
