using System.Net;

namespace Dapr.AiProvider.ProviderSimulator.Tests.Presets;

/// <summary>Groq, Cerebras, Mistral, OpenRouter and Cloudflare Workers AI speak OpenAI chat at their own paths; errors in their own shape.</summary>
public sealed class PresetWireTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    public static TheoryData<string, string> Presets => new()
    {
        { "/groq/openai/v1", "llama-3.1-8b-instant" },
        { "/cerebras/v1", "gpt-oss-120b" },
        { "/mistral/v1", "mistral-small-latest" },
        { "/openrouter/api/v1", "meta-llama/llama-3.2-3b-instruct:free" },
        { "/cloudflare/client/v4/accounts/sim-account/ai/v1", "@cf/meta/llama-3.1-8b-instruct" },
    };

    [Theory]
    [MemberData(nameof(Presets))]
    public async Task Chat_Preset_OpenAiCompletionStreamAndModelList(string prefix, string model)
    {
        using var client = sim.Bearer();

        using var unary = await client.PostJsonAsync(prefix + "/chat/completions", Http.Chat(model, "hi"));
        using var stream = await client.PostJsonAsync(prefix + "/chat/completions", Http.Chat(model, "hi", stream: true));
        using var models = await client.GetAsync(new Uri(prefix + "/models", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, unary.StatusCode);
        var completion = await unary.JsonAsync();
        Assert.Equal("chat.completion", completion.GetProperty("object").GetString());
        Assert.Equal(model, completion.GetProperty("model").GetString());
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("data: [DONE]", (await stream.Content.ReadAsStringAsync()).TrimEnd(), StringComparison.Ordinal);
        Assert.Contains((await models.JsonAsync()).GetProperty("data").EnumerateArray(), m => m.GetProperty("id").GetString() == model);
    }

    [Fact]
    public async Task Chat_CloudflareWrongKey_ErrorInCloudflaresEnvelope()
    {
        using var client = sim.Bearer("wrong");
        using var response = await client.PostJsonAsync("/cloudflare/client/v4/accounts/sim-account/ai/v1/chat/completions",
            Http.Chat("@cf/meta/llama-3.1-8b-instruct", "hi"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal(10000, body.GetProperty("errors")[0].GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Chat_GroqModelRetiredFault_IsModelDecommissioned()
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync("/groq/openai/v1/chat/completions",
            Http.Chat("llama-3.1-8b-instant", "hi [[sim:fault=model_retired]]"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("model_decommissioned", (await response.JsonAsync()).GetProperty("error").GetProperty("code").GetString());
    }
}
