using System.Net.Http.Headers;
using System.Text.Json;
using Dapr.AiProvider.ProviderAdapters.Adapters;
using Dapr.AiProvider.ProviderAdapters.Configuration;
using Dapr.AiProvider.ProviderAdapters.Errors;
using Dapr.AiProvider.ProviderAdapters.Adapters.OpenAi;
using Dapr.AiProvider.ProviderAdapters.Adapters.Tgi;

namespace Dapr.AiProvider.ProviderAdapters.Embeddings;

/// <summary>
/// Hugging Face feature extraction, Bearer key, <c>{inputs: [..], normalize: true}</c> answered by one float array per
/// input (<c>[[..], [..]]</c>), without a token count. Two places speak it: the Inference Providers router
/// (family huggingface: <c>{host}/hf-inference/models/{model}/pipeline/feature-extraction</c>,
/// https://huggingface.co/docs/inference-providers/tasks/feature-extraction) and a self-hosted Text Embeddings
/// Inference server (family tgi: <c>{base}/embed</c>, https://huggingface.github.io/text-embeddings-inference/),
/// both checked 2026-12-07. Neither shortens vectors, so these models do not list the <c>dimensions</c> capability.
/// </summary>
internal sealed class FeatureExtractionEmbeddings(string family) : IEmbeddingFamily
{
    public IErrorClassifier Classifier { get; } = family == ProviderFamilies.Tgi ? new TgiErrorClassifier() : new OpenAiErrorClassifier();

    public HttpRequestMessage CreateRequest(EmbeddingCall call)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, Target(call)) { Content = new ByteArrayContent(Write(call)) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (!string.IsNullOrEmpty(call.Key))
        {
            UpstreamRequests.Bearer(message.Headers, call.Key);
        }
        foreach (var (name, value) in call.Account.Headers)
        {
            message.Headers.Remove(name);
            message.Headers.TryAddWithoutValidation(name, value);
        }
        return message;
    }

    public async ValueTask<WireEmbeddings> ReadAsync(Stream body, EmbeddingCall call, CancellationToken cancellationToken)
    {
        using var document = await JsonDocument.ParseAsync(body, default, cancellationToken);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("feature-extraction answer is not an array");
        }
        var vectors = new List<float[]>(document.RootElement.GetArrayLength());
        foreach (var item in document.RootElement.EnumerateArray())
        {
            vectors.Add(Vectors.Read(item));
        }
        return new WireEmbeddings(vectors, null);
    }

    /// <summary>The router's chat base is <c>{host}/v1</c>; feature extraction lives beside it, under <c>{host}/hf-inference</c>.</summary>
    private Uri Target(EmbeddingCall call)
    {
        if (family == ProviderFamilies.Tgi)
        {
            return call.Account.Endpoint("embed");
        }
        var host = call.Account.BaseUri.AbsoluteUri.TrimEnd('/');
        host = host.EndsWith("/v1", StringComparison.Ordinal) ? host[..^3] : host;
        return new Uri($"{host}/hf-inference/models/{call.Model.Model}/pipeline/feature-extraction");
    }

    private static byte[] Write(EmbeddingCall call)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("inputs");
            foreach (var input in call.Request.Inputs)
            {
                writer.WriteStringValue(input);
            }
            writer.WriteEndArray();
            writer.WriteBoolean("normalize", true);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
