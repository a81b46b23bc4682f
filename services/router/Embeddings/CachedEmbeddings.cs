using System.Text.Json.Serialization;
using Dapr.AiProvider.Router.Caching;

namespace Dapr.AiProvider.Router.Embeddings;

/// <summary>A cached embedding answer: one vector per input, in order.</summary>
internal sealed record CachedEmbeddings : CachedAnswer
{
    [JsonPropertyName("vectors")] public IReadOnlyList<float[]> Vectors { get; set; } = [];
}
