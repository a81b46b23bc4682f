using System.Net;
using System.Text;
using System.Text.Json;

namespace Dapr.AiProvider.EndToEnd.Tests;

/// <summary>
/// Issue #18.5 through the whole stack (router, adapters, the simulator playing each provider): a request with fields
/// the gateway does not model is answered by every family, and what the chosen family cannot honour is named in
/// x-aiprovider-dropped-params (docs/request-fields.md).
/// </summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", "Process")]
public sealed class RequestFieldsTests(GatewayStack stack)
{
    private const string Fields = """
        "logprobs":true,"parallel_tool_calls":false,"service_tier":"flex","seed":5,"frequency_penalty":0.3,"reasoning_effort":"low"
        """;

    [Theory]
    [InlineData("anthropic/claude-haiku-5-5", "frequency_penalty,logprobs,parallel_tool_calls,seed,service_tier")]
    [InlineData("gemini/gemini-2.5-pro", "logprobs,parallel_tool_calls,service_tier")]
    [InlineData("openai/gpt-4o-mini", null)]
    public async Task ChatCompletions_UnmodelledFields_AnsweredAndNamedWhenNotHonoured(string model, string? dropped)
    {
        using var response = await stack.Client.PostAsync("/v1/chat/completions", new StringContent(
            $$"""{"model":"{{model}}","messages":[{"role":"user","content":"Fields {{Guid.NewGuid()}}"}],{{Fields}}}""",
            Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal(model, string.Join("/", response.Headers.GetValues("x-aiprovider-provider").Single(), response.Headers.GetValues("x-aiprovider-model").Single()));
        using var json = JsonDocument.Parse(body);
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()));
        if (dropped is null)
        {
            Assert.False(response.Headers.Contains("x-aiprovider-dropped-params"));
        }
        else
        {
            Assert.Equal(dropped, response.Headers.GetValues("x-aiprovider-dropped-params").Single());
        }
    }
}
