using System.Text.Json;

namespace Dapr.AiProvider.ProviderAdapters.Embeddings;

/// <summary>Reads one JSON array of numbers as a vector; anything else is an unreadable answer.</summary>
internal static class Vectors
{
    public static float[] Read(JsonElement array)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("an embedding is not an array of numbers");
        }
        var vector = new float[array.GetArrayLength()];
        var i = 0;
        foreach (var value in array.EnumerateArray())
        {
            vector[i++] = value.ValueKind == JsonValueKind.Number ? value.GetSingle() : throw new JsonException("an embedding holds a non-number");
        }
        return vector;
    }
}
