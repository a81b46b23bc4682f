using Dapr.AiProvider.ProviderSimulator.Core;
using Dapr.AiProvider.ProviderSimulator.HuggingFace;
using Dapr.AiProvider.ProviderSimulator.OpenAi;

namespace Dapr.AiProvider.ProviderSimulator.Embeddings;

/// <summary>
/// Embedding paths that are not beside a chat path of the same family: Hugging Face feature extraction
/// (<c>/huggingface/hf-inference/models/{org}/{name}/pipeline/feature-extraction</c>) and TEI (<c>/tgi/embed</c>).
/// OpenAI-shaped <c>/embeddings</c> is mapped with each OpenAI family; Gemini's <c>:batchEmbedContents</c> beside <c>:generateContent</c>.
/// </summary>
internal static class EmbeddingEndpoints
{
    public static readonly OpenAiEmbeddingWire OpenAi = new();
    public static readonly GeminiEmbeddingWire Gemini = new();
    public static readonly FeatureExtractionWire FeatureExtraction = new();

    public static IEndpointRouteBuilder MapFeatureExtraction(this IEndpointRouteBuilder app)
    {
        var time = app.ServiceProvider.GetRequiredService<TimeProvider>();
        var huggingFace = new OpenAiDialect(new HuggingFaceFlavor(), time);
        var tei = new TgiDialect(streaming: false);
        app.MapPost("/huggingface/hf-inference/models/{org}/{name}/pipeline/feature-extraction", (HttpContext context, EmbeddingHandler handler, string org, string name) =>
            handler.HandleAsync(context, huggingFace, FeatureExtraction, $"{org}/{name}"));
        app.MapPost("/huggingface/hf-inference/models/{name}/pipeline/feature-extraction", (HttpContext context, EmbeddingHandler handler, string name) =>
            handler.HandleAsync(context, huggingFace, FeatureExtraction, name));
        app.MapPost("/tgi/embed", (HttpContext context, EmbeddingHandler handler) => handler.HandleAsync(context, tei, FeatureExtraction, null));
        return app;
    }
}
