using Dapr.AiProvider.ProviderAdapters.Configuration;

namespace Dapr.AiProvider.ProviderAdapters.Embeddings;

/// <summary>The embedding wire format of each family; null for a family without embeddings (Anthropic, GitHub Models, Copilot).</summary>
internal sealed class EmbeddingFamilies
{
    private readonly OpenAiEmbeddings _openAi = new();
    private readonly GeminiEmbeddings _gemini = new();
    private readonly FeatureExtractionEmbeddings _huggingFace = new(ProviderFamilies.HuggingFace);
    private readonly FeatureExtractionEmbeddings _tei = new(ProviderFamilies.Tgi);

    public IEmbeddingFamily? For(string family) => family switch
    {
        ProviderFamilies.OpenAi or ProviderFamilies.OpenAiCompatible => _openAi,
        ProviderFamilies.Gemini => _gemini,
        ProviderFamilies.HuggingFace => _huggingFace,
        ProviderFamilies.Tgi => _tei,
        _ => null,
    };
}
