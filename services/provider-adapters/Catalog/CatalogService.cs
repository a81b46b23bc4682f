using System.Security.Cryptography;
using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.ProviderAdapters.Providers;
using Dapr.AiProvider.ProviderAdapters.Upstream;

namespace Dapr.AiProvider.ProviderAdapters.Catalog;

/// <summary>
/// The model catalog the router routes from: every model of every account that has credentials now.
/// The version changes whenever the set of models or the price table changes.
/// </summary>
internal sealed class CatalogService(ProviderRegistry registry, ProviderCredentials credentials, ModelRetirements retirements)
{
    public async Task<ModelCatalog> GetAsync(CancellationToken cancellationToken)
    {
        var models = new List<CatalogModel>();
        var retired = new List<RetiredModel>();
        foreach (var account in registry.Accounts)
        {
            if (!await credentials.IsAvailableAsync(account, cancellationToken))
            {
                continue;
            }
            foreach (var model in account.Models.Values)
            {
                if (retirements.Find(model) is { } retirement)
                {
                    retired.Add(retirement);
                }
                else
                {
                    models.Add(model);
                }
            }
        }
        models.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        retired.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        return new ModelCatalog { Version = Version(models), Models = models, Retired = retired };
    }

    /// <summary>The price table's version and a hash of every model as served (prices and free windows included, so a
    /// change through the provider registry is a new version).</summary>
    private string Version(List<CatalogModel> models)
    {
        var served = JsonSerializer.SerializeToUtf8Bytes(new ModelCatalog { Version = registry.Prices.Version, Models = models },
            ContractsJsonContext.Default.ModelCatalog);
        var hash = SHA256.HashData(served);
        return registry.Prices.Version + "-" + Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }
}
