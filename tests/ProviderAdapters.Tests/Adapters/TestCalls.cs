using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.ProviderAdapters.Adapters;
using Dapr.AiProvider.ProviderAdapters.Adapters.Anthropic;
using Dapr.AiProvider.ProviderAdapters.Adapters.Gemini;
using Dapr.AiProvider.ProviderAdapters.Adapters.OpenAi;
using Dapr.AiProvider.ProviderAdapters.Adapters.Tgi;
using Dapr.AiProvider.ProviderAdapters.Pricing;
using Dapr.AiProvider.ProviderAdapters.Providers;
using Dapr.AiProvider.ProviderAdapters.Streaming;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Adapters;

/// <summary>Builds upstream calls and replays golden wire files through a family.</summary>
internal static class TestCalls
{
    public static readonly PriceTable Prices = PriceTableLoader.Load(Path.Combine(AppContext.BaseDirectory, "prices.json"));

    public static UpstreamCall Call(string provider, string family, string model, ChatCompletionRequest? request = null, int maxOutput = 4096)
    {
        var catalogModel = new CatalogModel { Id = provider + "/" + model, Provider = provider, Family = family, Model = model, MaxOutputTokens = maxOutput, ContextWindow = 200_000 };
        var account = new ProviderAccount(provider, family, new Uri("http://upstream.test/base/v1"), null,
            new Dictionary<string, string>(), null, new Dictionary<string, CatalogModel> { [model] = catalogModel });
        return new UpstreamCall(account, catalogModel, request ?? new ChatCompletionRequest { Messages = [ChatMessage.FromText("user", "hi")] },
            "test-key", "req-1", 1_735_689_600);
    }

    public static IChatFamily Family(string family) => family switch
    {
        "anthropic" => new AnthropicFamily(),
        "gemini" => new GeminiFamily(),
        "tgi" => new TgiFamily(),
        _ => new OpenAiFamily(),
    };

    public static string Golden(string name) => Path.Combine(AppContext.BaseDirectory, "Golden", name);

    public static async Task<WireCompletion> ReadGoldenAsync(UpstreamCall call, string golden)
    {
        await using var stream = File.OpenRead(Golden(golden));
        return await Family(call.Account.Family).ReadCompletionAsync(stream, new HttpResponseMessage().Headers, call, CancellationToken.None);
    }

    public static async Task<(StreamTranslator Translator, List<ChatCompletionChunk> Chunks, bool EndedNormally)> ReplayAsync(UpstreamCall call, string golden)
    {
        var translator = Family(call.Account.Family).CreateStreamTranslator(call);
        var chunks = new List<ChatCompletionChunk>();
        await using var stream = File.OpenRead(Golden(golden));
        await using var reader = new SseReader(stream);
        while (!translator.Completed && translator.InBandError is null)
        {
            var next = await reader.ReadAsync(CancellationToken.None);
            if (next is null)
            {
                return (translator, chunks, translator.CompleteAtEndOfStream());
            }
            translator.Translate(next.Value, chunks);
        }
        return (translator, chunks, translator.Completed);
    }

    public static string Text(IEnumerable<ChatCompletionChunk> chunks) =>
        string.Concat(chunks.SelectMany(c => c.Choices).Select(c => c.Delta.Content));
}
