using System.Security.Cryptography;
using System.Text;

namespace Dapr.AiProvider.ProviderSimulator.Embeddings;

/// <summary>
/// Deterministic unit vectors: SHA-256 of <c>model \n input</c> seeds the values, so the same text and model give the
/// same vector in every run and every provider's dialect, and different texts give different vectors.
/// </summary>
internal static class SimulatedVectors
{
    /// <summary>Each model's own vector length (the provider's published default), used when no <c>dimensions</c> is asked.</summary>
    public static int DefaultDimensions(string model) => model switch
    {
        "text-embedding-3-small" => 1536,
        "text-embedding-3-large" or "gemini-embedding-001" => 3072,
        "mistral-embed" => 1024,
        _ => 768,
    };

    public static float[] For(string model, string input, int dimensions)
    {
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes(model + "\n" + input));
        var random = new Random(BitConverter.ToInt32(seed, 0));
        var vector = new float[dimensions];
        double sum = 0;
        for (var i = 0; i < dimensions; i++)
        {
            var value = random.NextDouble() * 2 - 1;
            vector[i] = (float)value;
            sum += value * value;
        }
        var norm = (float)Math.Sqrt(sum);
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] /= norm;
        }
        return vector;
    }
}
