using System.Text.Json;
using System.Text.Json.Nodes;
using Dapr.AiProvider.Contracts.Providers;
using Dapr.AiProvider.ProviderAdapters.Configuration;
using Dapr.AiProvider.ProviderAdapters.Pricing;

namespace Dapr.AiProvider.ProviderAdapters.Registry;

/// <summary>
/// The registry's settings are the accounts of <c>providers.json</c> in camelCase JSON: one shape both ways, so the
/// seed and the registry read back are the same account.
/// </summary>
internal static class RegistrySettings
{
    private static RegistryJsonContext Json => RegistryJsonContext.Default;

    /// <summary>A configured account as the registry stores it, each model with its price from the table (so a seeded
    /// paid model is priced in the registry, as quota requires).</summary>
    public static JsonElement ToSeed(ProviderAccountOptions account, PriceTable prices)
    {
        var node = JsonSerializer.SerializeToNode(account, Json.ProviderAccountOptions)!.AsObject();
        var models = node["models"]!.AsArray();
        for (var i = 0; i < account.Models.Count; i++)
        {
            if (account.Models[i].Price is null && prices.Find(account.Id, account.Models[i].Model) is { } price)
            {
                models[i]!["price"] = JsonSerializer.SerializeToNode(price, Json.ModelPrice);
            }
        }
        return JsonSerializer.SerializeToElement(node, Json.JsonNode);
    }

    /// <summary>The account a registry entry describes (its id and enabled flag are the row's).</summary>
    public static ProviderAccountOptions ToAccount(ProviderEntry entry)
    {
        var account = entry.Config.Deserialize(Json.ProviderAccountOptions) ?? throw new JsonException("The settings are null.");
        account.Id = entry.Id;
        account.Enabled = entry.Enabled;
        return account;
    }
}
