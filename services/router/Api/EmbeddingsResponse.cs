using System.Buffers.Binary;
using System.Text.Json;
using Dapr.AiProvider.Router.Embeddings;

namespace Dapr.AiProvider.Router.Api;

/// <summary>
/// OpenAI's embedding answer, written straight to the body:
/// <c>{"object":"list","data":[{"object":"embedding","index":0,"embedding":[…]}],"model":…,"usage":{"prompt_tokens","total_tokens"}}</c>.
/// With <c>encoding_format: base64</c> each embedding is the base64 of its little-endian float32 values, as OpenAI sends it.
/// </summary>
internal sealed class EmbeddingsResponse(EmbeddingResult.Answered answer, bool base64) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        await using (var writer = new Utf8JsonWriter(response.BodyWriter))
        {
            writer.WriteStartObject();
            writer.WriteString("object", "list");
            writer.WriteStartArray("data");
            for (var i = 0; i < answer.Vectors.Count; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("object", "embedding");
                writer.WriteNumber("index", i);
                WriteVector(writer, answer.Vectors[i]);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteString("model", answer.ModelId);
            writer.WriteStartObject("usage");
            writer.WriteNumber("prompt_tokens", answer.Decision.Tokens.InputTokens);
            writer.WriteNumber("total_tokens", answer.Decision.Tokens.TotalTokens);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    private void WriteVector(Utf8JsonWriter writer, float[] vector)
    {
        if (base64)
        {
            var bytes = new byte[vector.Length * sizeof(float)];
            for (var i = 0; i < vector.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
            }
            writer.WriteBase64String("embedding", bytes);
            return;
        }
        writer.WriteStartArray("embedding");
        foreach (var value in vector)
        {
            writer.WriteNumberValue(value);
        }
        writer.WriteEndArray();
    }
}
