using System.Net;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts;

namespace Dapr.AiProvider.Router.Tests.Api.Anthropic;

/// <summary>
/// Anthropic-only fields of <c>/v1/messages</c> (issue #18): the body rides to provider-adapters beside its translation,
/// so an Anthropic winner honours thinking, cache_control, top_k and service_tier as written; any other winner gets the
/// translation and the header names what it cannot honour.
/// </summary>
public sealed class AnthropicFieldsTests
{
    private const string Body = """
        {"model":"MODEL","max_tokens":2048,"top_k":5,"service_tier":"standard_only",
         "thinking":{"type":"enabled","budget_tokens":1024},
         "system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}],
         "messages":[{"role":"user","content":"hi"}]}
        """;

    [Fact]
    public async Task AnthropicWinner_BodyReachesTheAdapterAsWritten_NothingDropped()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/messages", Json(Body.Replace("MODEL", "anthropic/claude-haiku", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("x-aiprovider-dropped-params"));
        var sent = Assert.Single(factory.Backend.Calls);
        var body = Assert.IsType<JsonElement>(sent.AnthropicBody);
        Assert.Equal("""{"type":"enabled","budget_tokens":1024}""", body.GetProperty("thinking").GetRawText());
        Assert.Equal(5, body.GetProperty("top_k").GetInt32());
        Assert.Equal("standard_only", body.GetProperty("service_tier").GetString());
        Assert.Equal("""{"type":"ephemeral"}""", body.GetProperty("system")[0].GetProperty("cache_control").GetRawText());
        // The translated request still drives routing, budgets and the other families.
        Assert.Equal("Be brief.", sent.Request.Messages[0].Text());
    }

    [Fact]
    public async Task OpenAiWinner_AnthropicOnlyFieldsNamedInHeader_NotInTheChatRequest()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/messages", Json(Body.Replace("MODEL", "openai/gpt-4o", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("cache_control,service_tier,thinking,top_k", string.Join(",", response.Headers.GetValues("x-aiprovider-dropped-params")));
        var sent = Assert.Single(factory.Backend.Calls);
        var chat = JsonSerializer.Serialize(sent.Request, ContractsJsonContext.Default.ChatCompletionRequest);
        Assert.DoesNotContain("thinking", chat, StringComparison.Ordinal);
        Assert.DoesNotContain("top_k", chat, StringComparison.Ordinal);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
