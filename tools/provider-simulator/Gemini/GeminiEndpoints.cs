using Dapr.AiProvider.ProviderSimulator.Core;

namespace Dapr.AiProvider.ProviderSimulator.Gemini;

/// <summary><c>/gemini/v1beta/models/{model}:generateContent|streamGenerateContent</c> and <c>/gemini/v1beta/models</c>.</summary>
internal static class GeminiEndpoints
{
    private const string BatchEmbed = ":batchEmbedContents";

    public static IEndpointRouteBuilder MapGemini(this IEndpointRouteBuilder app)
    {
        var dialect = new GeminiDialect();
        // One route for every method on a model: {model}:generateContent, :streamGenerateContent, :batchEmbedContents.
        app.MapPost("/gemini/v1beta/models/{target}", (HttpContext context, string target, ChatHandler chat, Embeddings.EmbeddingHandler embeddings) =>
            target.EndsWith(BatchEmbed, StringComparison.Ordinal)
                ? embeddings.HandleAsync(context, dialect, Embeddings.EmbeddingEndpoints.Gemini, target[..^BatchEmbed.Length])
                : chat.HandleAsync(context, dialect));
        app.MapAuthenticatedGet("/gemini/v1beta/models", Providers.Gemini, dialect.Authenticate, ListAsync);
        return app;
    }

    private static Task ListAsync(HttpResponse response, CancellationToken ct) =>
        JsonReply.WriteAsync(response, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("models");
            foreach (var model in SimulatedModels.For(Providers.Gemini))
            {
                w.WriteStartObject();
                w.WriteString("name", "models/" + model);
                w.WriteString("version", "001");
                w.WriteString("displayName", model);
                w.WriteNumber("inputTokenLimit", 1_048_576);
                w.WriteNumber("outputTokenLimit", 65_536);
                w.WriteStartArray("supportedGenerationMethods");
                if (model.Contains("embedding", StringComparison.Ordinal))
                {
                    w.WriteStringValue("embedContent");
                    w.WriteStringValue("batchEmbedContents");
                }
                else
                {
                    w.WriteStringValue("generateContent");
                    w.WriteStringValue("countTokens");
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }, ct);
}
