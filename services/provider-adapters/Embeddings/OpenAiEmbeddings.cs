using System.Text.Json;
using Dapr.AiProvider.ProviderAdapters.Adapters;
using Dapr.AiProvider.ProviderAdapters.Adapters.OpenAi;
using Dapr.AiProvider.ProviderAdapters.Errors;

namespace Dapr.AiProvider.ProviderAdapters.Embeddings;

/// <summary>
/// OpenAI <c>POST {base}/embeddings</c> and the servers that copy it (Mistral, Cloudflare Workers AI's <c>/ai/v1</c>,
/// OpenRouter, Ollama, vLLM). Request <c>{model, input: [..], dimensions?, user?, encoding_format: "float"}</c>, answer
/// <c>{data: [{index, embedding: [..]}], usage: {prompt_tokens}}</c> —
/// https://platform.openai.com/docs/api-reference/embeddings/create, https://docs.mistral.ai/api/#tag/embeddings,
/// https://developers.cloudflare.com/workers-ai/configuration/open-ai-compatibility/ (checked 2026-12-07).
/// </summary>
internal sealed class OpenAiEmbeddings : IEmbeddingFamily
{
    public IErrorClassifier Classifier { get; } = new OpenAiErrorClassifier();

    public HttpRequestMessage CreateRequest(EmbeddingCall call) =>
        UpstreamRequests.JsonPost(call.Account, "embeddings", Write(call), headers =>
        {
            if (!string.IsNullOrEmpty(call.Key))
            {
                UpstreamRequests.Bearer(headers, call.Key);
            }
        });

    public async ValueTask<WireEmbeddings> ReadAsync(Stream body, EmbeddingCall call, CancellationToken cancellationToken)
    {
        using var document = await JsonDocument.ParseAsync(body, default, cancellationToken);
        var root = document.RootElement;
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("embedding answer without data");
        }
        var vectors = new float[data.GetArrayLength()][];
        var position = 0;
        foreach (var item in data.EnumerateArray())
        {
            // Items carry their index; an answer in another order still lands each vector at its input.
            var index = item.TryGetProperty("index", out var i) && i.TryGetInt32(out var n) ? n : position;
            if (index < 0 || index >= vectors.Length)
            {
                throw new JsonException($"embedding index {index} out of range");
            }
            vectors[index] = Vectors.Read(item.GetProperty("embedding"));
            position++;
        }
        int? tokens = root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object
            && usage.TryGetProperty("prompt_tokens", out var prompt) && prompt.TryGetInt32(out var count) ? count : null;
        return new WireEmbeddings(vectors, tokens);
    }

    private static byte[] Write(EmbeddingCall call)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", call.Model.Model);
            writer.WriteStartArray("input");
            foreach (var input in call.Request.Inputs)
            {
                writer.WriteStringValue(input);
            }
            writer.WriteEndArray();
            writer.WriteString("encoding_format", "float");
            if (call.Request.Dimensions is { } dimensions)
            {
                writer.WriteNumber("dimensions", dimensions);
            }
            if (!string.IsNullOrEmpty(call.Request.User))
            {
                writer.WriteString("user", call.Request.User);
            }
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
