using System.Text.Json;

namespace Dapr.AiProvider.ProviderSimulator.Embeddings;

/// <summary>
/// OpenAI <c>POST /v1/embeddings</c> (and every OpenAI-compatible server): <c>{model, input, dimensions?}</c> →
/// <c>{object: list, data: [{object: embedding, index, embedding}], model, usage}</c>.
/// </summary>
internal sealed class OpenAiEmbeddingWire : IEmbeddingWire
{
    public EmbeddingAsk? Parse(JsonElement body, string? routeModel)
    {
        if (!body.TryGetProperty("model", out var model) || model.GetString() is not { Length: > 0 } name
            || !body.TryGetProperty("input", out var input) || Texts(input) is not { } inputs)
        {
            return null;
        }
        return new EmbeddingAsk(name, inputs, body.TryGetProperty("dimensions", out var d) && d.TryGetInt32(out var n) ? n : null);
    }

    public void Write(Utf8JsonWriter writer, EmbeddingAsk ask, IReadOnlyList<float[]> vectors, int promptTokens)
    {
        writer.WriteStartObject();
        writer.WriteString("object", "list");
        writer.WriteStartArray("data");
        for (var i = 0; i < vectors.Count; i++)
        {
            writer.WriteStartObject();
            writer.WriteString("object", "embedding");
            writer.WriteNumber("index", i);
            writer.WriteStartArray("embedding");
            foreach (var value in vectors[i])
            {
                writer.WriteNumberValue(value);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteString("model", ask.Model);
        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", promptTokens);
        writer.WriteNumber("total_tokens", promptTokens);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>A string or an array of strings (what both OpenAI's <c>input</c> and Hugging Face's <c>inputs</c> take).</summary>
    public static IReadOnlyList<string>? Texts(JsonElement input) => input.ValueKind switch
    {
        JsonValueKind.String => [input.GetString()!],
        JsonValueKind.Array when input.GetArrayLength() > 0 && input.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String) =>
            [.. input.EnumerateArray().Select(i => i.GetString()!)],
        _ => null,
    };
}

/// <summary>
/// Gemini <c>models/{model}:batchEmbedContents</c>: <c>{requests: [{model, content: {parts: [{text}]}, outputDimensionality?}]}</c>
/// → <c>{embeddings: [{values}]}</c>, no token count.
/// </summary>
internal sealed class GeminiEmbeddingWire : IEmbeddingWire
{
    public EmbeddingAsk? Parse(JsonElement body, string? routeModel)
    {
        if (routeModel is null || !body.TryGetProperty("requests", out var requests) || requests.ValueKind != JsonValueKind.Array
            || requests.GetArrayLength() == 0)
        {
            return null;
        }
        var inputs = new List<string>();
        int? dimensions = null;
        foreach (var request in requests.EnumerateArray())
        {
            if (!request.TryGetProperty("content", out var content) || !content.TryGetProperty("parts", out var parts) || parts.ValueKind != JsonValueKind.Array)
            {
                return null;
            }
            inputs.Add(string.Concat(parts.EnumerateArray().Select(p => p.TryGetProperty("text", out var t) ? t.GetString() : "")));
            dimensions ??= request.TryGetProperty("outputDimensionality", out var d) && d.TryGetInt32(out var n) ? n : null;
        }
        return new EmbeddingAsk(routeModel, inputs, dimensions);
    }

    public void Write(Utf8JsonWriter writer, EmbeddingAsk ask, IReadOnlyList<float[]> vectors, int promptTokens)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("embeddings");
        foreach (var vector in vectors)
        {
            writer.WriteStartObject();
            writer.WriteStartArray("values");
            foreach (var value in vector)
            {
                writer.WriteNumberValue(value);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

/// <summary>Hugging Face feature extraction and TEI <c>/embed</c>: <c>{inputs}</c> → <c>[[..], [..]]</c>, no token count.</summary>
internal sealed class FeatureExtractionWire : IEmbeddingWire
{
    public EmbeddingAsk? Parse(JsonElement body, string? routeModel) =>
        body.TryGetProperty("inputs", out var inputs) && OpenAiEmbeddingWire.Texts(inputs) is { } texts
            ? new EmbeddingAsk(routeModel ?? "tei", texts, null)
            : null;

    public void Write(Utf8JsonWriter writer, EmbeddingAsk ask, IReadOnlyList<float[]> vectors, int promptTokens)
    {
        writer.WriteStartArray();
        foreach (var vector in vectors)
        {
            writer.WriteStartArray();
            foreach (var value in vector)
            {
                writer.WriteNumberValue(value);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }
}
