using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Benchmark.Report;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.ProviderAdapters.Adapters;
using Dapr.AiProvider.ProviderAdapters.Adapters.Anthropic;
using Dapr.AiProvider.ProviderAdapters.Adapters.Gemini;
using Dapr.AiProvider.ProviderAdapters.Adapters.OpenAi;
using Dapr.AiProvider.ProviderAdapters.Providers;

namespace Dapr.AiProvider.Benchmark.Scenarios;

/// <summary>
/// Translation cost in process, no HTTP: build the provider request from the gateway's request, then read a
/// recorded provider answer back into the OpenAI shape — what the adapters add per non-streaming request.
/// </summary>
internal sealed class TranslationScenario : IScenario
{
    public string Name => "translation";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var iterations = context.Options.Quick ? 20_000 : 100_000;
        var table = new Table($"translation — request out + answer back, in process, {iterations:N0} iterations",
            "family", "µs per request", "allocated KB per request");
        foreach (var (name, family, answer) in Families())
        {
            var call = Call(name);
            for (var i = 0; i < 2_000; i++)
            {
                await OnceAsync(family, call, answer, cancellationToken);
            }
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++)
            {
                await OnceAsync(family, call, answer, cancellationToken);
            }
            watch.Stop();
            var micros = watch.Elapsed.TotalMicroseconds / iterations;
            var kb = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0 / iterations;
            table.Add(name, micros, kb);
            context.Summary.AtMost(Name, $"{name}: translation per request", micros, 50, "µs");
        }
        table.Print();
    }

    private static async Task OnceAsync(IChatFamily family, UpstreamCall call, byte[] answer, CancellationToken cancellationToken)
    {
        using var request = family.CreateRequest(call, stream: false);
        _ = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        using var response = new HttpResponseMessage();
        using var body = new MemoryStream(answer, writable: false);
        _ = await family.ReadCompletionAsync(body, response.Headers, call, cancellationToken);
    }

    private static UpstreamCall Call(string family)
    {
        var model = new CatalogModel { Id = family + "/bench-model", Provider = family, Family = family, Model = "bench-model", MaxOutputTokens = 1024 };
        var account = new ProviderAccount(family, family, new Uri("http://127.0.0.1:9/"), null,
            new Dictionary<string, string>(), null, new Dictionary<string, CatalogModel> { ["bench-model"] = model });
        var request = new ChatCompletionRequest
        {
            Model = "auto",
            MaxTokens = 256,
            Temperature = 0.7,
            Messages =
            [
                ChatMessage.FromText("system", "You are a careful release engineer."),
                ChatMessage.FromText("user", "Summarise the changes in this pull request in three bullet points: " + new string('x', 400)),
            ],
        };
        return new UpstreamCall(account, model, request, "bench-key", "req_bench", 1_795_000_000);
    }

    private static IEnumerable<(string Name, IChatFamily Family, byte[] Answer)> Families()
    {
        const string text = "- Adds the router\\n- Adds the quota service\\n- Adds the adapters";
        yield return ("openai", new OpenAiFamily(), Utf8($$$$"""
            {"id":"chatcmpl-1","object":"chat.completion","created":1795000000,"model":"bench-model","choices":[{"index":0,"message":{"role":"assistant","content":"{{{{text}}}}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":130,"completion_tokens":20,"total_tokens":150,"prompt_tokens_details":{"cached_tokens":64},"completion_tokens_details":{"reasoning_tokens":0}}}
            """));
        yield return ("anthropic", new AnthropicFamily(), Utf8($$$$"""
            {"id":"msg_1","type":"message","role":"assistant","model":"bench-model","content":[{"type":"text","text":"{{{{text}}}}"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":66,"output_tokens":20,"cache_creation_input_tokens":0,"cache_read_input_tokens":64}}
            """));
        yield return ("gemini", new GeminiFamily(), Utf8($$$$"""
            {"candidates":[{"content":{"role":"model","parts":[{"text":"{{{{text}}}}"}]},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":130,"candidatesTokenCount":20,"totalTokenCount":150,"cachedContentTokenCount":64},"modelVersion":"bench-model","responseId":"r1"}
            """));
    }

    private static byte[] Utf8(string json)
    {
        using var check = JsonDocument.Parse(json); // a typo in a recorded answer fails loudly here
        return Encoding.UTF8.GetBytes(json);
    }
}
