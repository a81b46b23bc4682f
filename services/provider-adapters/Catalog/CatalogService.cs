using System.Security.Cryptography;
using System.Text;
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

    private string Version(List<CatalogModel> models)
    {
        var ids = new StringBuilder(registry.Prices.Version);
        foreach (var model in models)
        {
            ids.Append('|').Append(model.Id);
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(ids.ToString()));
        return registry.Prices.Version + "-" + Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }
}
