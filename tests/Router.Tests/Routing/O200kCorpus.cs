using System.Text.Json;

namespace Dapr.AiProvider.Router.Tests.Routing;

/// <summary>
/// <c>o200k-corpus.json</c> (embedded): 627 texts with the count Microsoft.ML.Tokenizers 2.0.1's
/// <c>TiktokenTokenizer.CreateForEncoding("o200k_base").CountTokens(text)</c> gave for each (see <see cref="O200kEncodingTests"/>).
/// </summary>
internal static class O200kCorpus
{
    public sealed record Sample(string Text, int Tokens);

    public static Sample[] Load()
    {
        using var corpus = typeof(O200kCorpus).Assembly.GetManifestResourceStream("o200k-corpus.json")!;
        return JsonSerializer.Deserialize<Sample[]>(corpus, JsonSerializerOptions.Web)!;
    }
}
