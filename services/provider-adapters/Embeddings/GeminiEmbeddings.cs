using System.Text.Json;
using Dapr.AiProvider.ProviderAdapters.Adapters;
using Dapr.AiProvider.ProviderAdapters.Adapters.Gemini;
using Dapr.AiProvider.ProviderAdapters.Errors;

namespace Dapr.AiProvider.ProviderAdapters.Embeddings;

/// <summary>
/// Gemini <c>POST {base}/models/{model}:batchEmbedContents</c>, key in <c>x-goog-api-key</c>: one
/// <c>{model: "models/{model}", content: {parts: [{text}]}, outputDimensionality?}</c> per input, answered by
/// <c>{embeddings: [{values: [..]}]}</c> in request order, without a token count —
/// https://ai.google.dev/api/embeddings#method:-models.batchembedcontents (checked 2026-12-07).
/// </summary>
internal sealed class GeminiEmbeddings : IEmbeddingFamily
{
    public IErrorClassifier Classifier { get; } = new GeminiErrorClassifier();

    public HttpRequestMessage CreateRequest(EmbeddingCall call) =>
        UpstreamRequests.JsonPost(call.Account, $"models/{Uri.EscapeDataString(call.Model.Model)}:batchEmbedContents", Write(call), headers =>
        {
            if (!string.IsNullOrEmpty(call.Key))
            {
                headers.TryAddWithoutValidation("x-goog-api-key", call.Key);
            }
        });

    public async ValueTask<WireEmbeddings> ReadAsync(Stream body, EmbeddingCall call, CancellationToken cancellationToken)
    {
        using var document = await JsonDocument.ParseAsync(body, default, cancellationToken);
        if (!document.RootElement.TryGetProperty("embeddings", out var embeddings) || embeddings.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("batchEmbedContents answer without embeddings");
        }
        var vectors = new List<float[]>(embeddings.GetArrayLength());
        foreach (var item in embeddings.EnumerateArray())
        {
            vectors.Add(Vectors.Read(item.GetProperty("values")));
        }
        return new WireEmbeddings(vectors, null);
    }

    private static byte[] Write(EmbeddingCall call)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("requests");
            foreach (var input in call.Request.Inputs)
            {
                writer.WriteStartObject();
                writer.WriteString("model", "models/" + call.Model.Model);
                writer.WriteStartObject("content");
                writer.WriteStartArray("parts");
                writer.WriteStartObject();
                writer.WriteString("text", input);
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteEndObject();
                if (call.Request.Dimensions is { } dimensions)
                {
                    writer.WriteNumber("outputDimensionality", dimensions);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
