using System.Net;

namespace Dapr.AiProvider.ProviderSimulator.Tests.HuggingFace;

/// <summary>The Hugging Face router (OpenAI-shaped) and TGI's native /generate(_stream).</summary>
[Trait("Category", "Process")]
public sealed class HuggingFaceTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Router_ModelWithProviderSuffix_Answers()
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync("/huggingface/v1/chat/completions", Http.Chat("deepseek-ai/DeepSeek-V3-0324:sambanova", "hello hf"));
        var json = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("deepseek-ai/DeepSeek-V3-0324:sambanova", json.GetProperty("model").GetString());
        Assert.EndsWith("hello hf", json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Router_QuotaExhausted_Returns402MonthlyCredits()
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync("/huggingface/v1/chat/completions", Http.Chat("meta-llama/Llama-3.1-8B-Instruct", "x [[sim:fault=quota_exhausted]]"));

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        Assert.StartsWith("You have exceeded your monthly included credits", (await response.JsonAsync()).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Router_WrongKey_Returns401()
    {
        using var client = sim.Bearer("hf_wrong");
        using var response = await client.PostJsonAsync("/huggingface/v1/chat/completions", Http.Chat("m", "x"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Invalid credentials in Authorization header", (await response.JsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task TgiGenerate_Details_ReturnsGeneratedTextAndTokens()
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync("/tgi/generate", """{"inputs":"What is Dapr","parameters":{"details":true}}""");
        var json = await response.JsonAsync();
        var details = json.GetProperty("details");

        Assert.Equal("Simulated answer from tgi/tgi: What is Dapr", json.GetProperty("generated_text").GetString());
        Assert.Equal("eos_token", details.GetProperty("finish_reason").GetString());
        Assert.Equal(details.GetProperty("tokens").GetArrayLength(), json.GetProperty("generated_text").GetString()!.Split(' ').Length);
    }

    [Fact]
    public async Task TgiGenerateStream_MaxNewTokens_LastEventCarriesDetails()
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync("/tgi/generate_stream", """{"inputs":"What is Dapr and why","parameters":{"max_new_tokens":6}}""");
        var events = Sse.Parse(await response.Content.ReadAsStringAsync());
        var last = events[^1].Json;

        Assert.All(events.Take(events.Count - 1), e => Assert.Equal(System.Text.Json.JsonValueKind.Null, e.Json.GetProperty("details").ValueKind));
        Assert.Equal("length", last.GetProperty("details").GetProperty("finish_reason").GetString());
        Assert.Equal(6, last.GetProperty("details").GetProperty("generated_tokens").GetInt32());
        Assert.Equal(string.Concat(events.Select(e => e.Json.GetProperty("token").GetProperty("text").GetString())), last.GetProperty("generated_text").GetString());
    }

    [Theory]
    [InlineData("""{"inputs":""}""", "Input validation error: `inputs` cannot be empty")]
    [InlineData("""{"parameters":{}}""", "Failed to deserialize the JSON body into the target type: missing field `inputs`")]
    [InlineData("""{"inputs":"x","parameters":{"max_new_tokens":0}}""", "Input validation error: `max_new_tokens` must be strictly positive")]
    public async Task TgiGenerate_BadInput_Returns422Validation(string body, string message)
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync("/tgi/generate", body);
        var json = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("validation", json.GetProperty("error_type").GetString());
        Assert.Equal(message, json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task TgiGenerate_Overloaded_Returns429Overloaded()
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync("/tgi/generate", """{"inputs":"x [[sim:fault=overloaded]]"}""");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("overloaded", (await response.JsonAsync()).GetProperty("error_type").GetString());
    }

    [Fact]
    public async Task TgiGenerateStream_ErrorBeforeContent_SendsErrorEvent()
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync("/tgi/generate_stream", """{"inputs":"x [[sim:fault=stream_error_before_content]]"}""");
        var single = Assert.Single(Sse.Parse(await response.Content.ReadAsStringAsync()));

        Assert.Equal("generation", single.Json.GetProperty("error_type").GetString());
    }

    [Fact]
    public async Task TgiGenerateStream_Cut_NeverSendsFinalEvent()
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync("/tgi/generate_stream", """{"inputs":"a b c d e [[sim:fault=stream_cut]]"}""");
        var events = Sse.Parse(await response.Content.ReadAsStringAsync());

        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Equal(System.Text.Json.JsonValueKind.Null, e.Json.GetProperty("generated_text").ValueKind));
    }
}
