using System.Net;
using System.Text;

namespace Dapr.AiProvider.Router.Tests.Api;

/// <summary>
/// x-aiprovider-dropped-params (issue #18.5): the request fields the winning provider's family cannot honour are named,
/// never dropped in silence; an OpenAI-shaped winner gets everything, so the header is absent; the fields reach the adapters.
/// </summary>
public sealed class DroppedParamsTests
{
    private const string Body = """
        {"model":"MODEL","messages":[{"role":"user","content":"hi"}],"logprobs":true,"seed":3,"service_tier":"flex","frequency_penalty":0.4}
        """;

    [Fact]
    public async Task AnthropicWinner_UnhonouredFields_NamedInHeader()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/chat/completions", Json(Body.Replace("MODEL", "anthropic/claude-haiku", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("frequency_penalty,logprobs,seed,service_tier", string.Join(",", response.Headers.GetValues("x-aiprovider-dropped-params")));
        var sent = Assert.Single(factory.Backend.Calls).Request;
        Assert.Equal(0.4, sent.FrequencyPenalty);
        Assert.Equal(["logprobs", "service_tier"], sent.OtherFields!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task OpenAiShapedWinner_NoHeader()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/chat/completions", Json(Body.Replace("MODEL", "openai/gpt-4o", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("x-aiprovider-dropped-params"));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
