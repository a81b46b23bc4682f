using System.Text.Json;
using Dapr.AiProvider.Contracts.Adapters;

namespace Dapr.AiProvider.ProviderAdapters.Pricing;

/// <summary>Reads <c>prices.json</c> and converts USD/1M tokens to integer micro-dollars/1M tokens.</summary>
internal static class PriceTableLoader
{
    public static PriceTable Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Price table '{path}' does not exist (set Pricing:File).");
        }
        using var stream = File.OpenRead(path);
        var file = JsonSerializer.Deserialize(stream, PriceFileJsonContext.Default.PriceFile)
            ?? throw new InvalidOperationException($"Price table '{path}' is empty.");
        return FromFile(file, path);
    }

    public static PriceTable FromFile(PriceFile file, string source)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(file.Version))
        {
            errors.Add("version is missing");
        }
        var prices = new Dictionary<string, ModelPrice>(StringComparer.Ordinal);
        foreach (var (key, entry) in file.Models)
        {
            if (entry.Input < 0 || entry.CachedInput < 0 || entry.CacheWrite < 0 || entry.Output < 0)
            {
                errors.Add($"'{key}' has a negative price");
                continue;
            }
            prices[key] = new ModelPrice
            {
                InputPerMTokMicros = ToMicros(entry.Input),
                CachedInputPerMTokMicros = ToMicros(entry.CachedInput),
                CacheWritePerMTokMicros = ToMicros(entry.CacheWrite),
                OutputPerMTokMicros = ToMicros(entry.Output),
            };
        }
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"Price table '{source}' is invalid: {string.Join("; ", errors)}.");
        }
        return new PriceTable(file.Version, prices);
    }

    /// <summary>USD per 1M tokens → micro-dollars per 1M tokens (exact for up to 6 decimals).</summary>
    private static long ToMicros(decimal usd) => (long)decimal.Round(usd * 1_000_000m, MidpointRounding.AwayFromZero);
}
