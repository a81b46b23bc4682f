using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Dapr.AiProvider.Router.Embeddings;

/// <summary>
/// SHA-256 of tenant + model as asked + dimensions + the inputs in order. The encoding format and <c>user</c> do not
/// change the vectors, so they do not change the key.
/// </summary>
internal static class EmbeddingCacheKey
{
    public static string Build(EmbeddingCall call)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("tenant", call.Identity.KeyId);
            writer.WriteString("task", EmbeddingCall.TaskType);
            writer.WriteString("model", call.Model.Trim().ToLowerInvariant());
            if (call.Dimensions is { } dimensions)
            {
                writer.WriteNumber("dimensions", dimensions);
            }
            writer.WriteStartArray("inputs");
            foreach (var input in call.Inputs)
            {
                writer.WriteStringValue(input);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }
}
