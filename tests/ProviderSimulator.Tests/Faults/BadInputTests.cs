using System.Net;

namespace Dapr.AiProvider.ProviderSimulator.Tests.Faults;

/// <summary>Malformed or type-confused bodies get the provider's own 4xx (or a normal answer), never a 500.</summary>
[Trait("Category", "Process")]
public sealed class BadInputTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    public static TheoryData<string, string> Bodies => new()
    {
        { "/openai/v1/chat/completions", """{"model":5,"messages":"x"}""" },
        { "/openai/v1/chat/completions", """{"model":"m","messages":[5,"x",null]}""" },
        { "/openai/v1/chat/completions", """{"model":"m","messages":[{"role":"user","content":{"a":1}}],"tools":[1],"tool_choice":5,"response_format":{"type":7}}""" },
        { "/openai/v1/chat/completions", """{"model":"m","messages":[{"role":"user","content":[1,{"type":5}]}],"tools":[{"function":{"name":"f","parameters":"s"}}],"tool_choice":"required","stream":"yes"}""" },
        { "/huggingface/v1/chat/completions", """{"model":"m","messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_schema","json_schema":{"schema":{"type":"object","properties":5,"enum":"x"}}}}""" },
        { "/anthropic/v1/messages", """{"model":"m","max_tokens":5,"system":5,"messages":[{"role":"user","content":[{"type":"text","text":5},7]}],"tools":[{"name":"t","input_schema":[1]}],"tool_choice":{"type":"tool","name":5}}""" },
        { "/anthropic/v1/messages", """{"model":"m","max_tokens":"5","messages":[]}""" },
        { "/anthropic/v1/messages", """[]""" },
        { "/gemini/v1beta/models/gemini-2.5-flash:generateContent", """{"contents":[5,{"parts":5},{"role":"user","parts":[{"text":5}]}],"tools":5,"toolConfig":{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":[5]}},"generationConfig":{"responseMimeType":"application/json","responseSchema":"x","maxOutputTokens":"x"}}""" },
        { "/gemini/v1beta/models/gemini-2.5-flash:generateContent", """{"contents":[{"role":5,"parts":[]}]}""" },
        { "/gemini/v1beta/models/gemini-2.5-flash:countEverything", """{"contents":[{"parts":[{"text":"x"}]}]}""" },
        { "/tgi/generate", """{"inputs":"x","parameters":5}""" },
        { "/tgi/generate_stream", """{"inputs":5}""" },
        { "/github/inference/chat/completions", "" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Chat_TypeConfusedBody_NeverReturns500(string path, string body)
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync(path, body, new Dictionary<string, string>
        {
            ["x-goog-api-key"] = SimulatorFixture.Key,
            ["anthropic-version"] = "2023-06-01",
        });
        var text = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}: {text}");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Contains("error", text, StringComparison.Ordinal);
        }
    }
}
